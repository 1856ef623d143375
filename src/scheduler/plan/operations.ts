import type { DependencyCondition } from '../../compose-spec/index.js';

/**
 * One step of a plan. The planner decides which steps are needed and why (`cause`); the executor
 * runs them in dependency order (`after`) and decides nothing. Names are the engine's names.
 */
export type OperationStep =
  | { kind: 'create-network'; key: string; name: string }
  | { kind: 'remove-network'; name: string }
  | { kind: 'create-volume'; key: string; name: string }
  | { kind: 'remove-volume'; name: string }
  /** `canBuild`: the service can build the image, so a failed pull is a warning and a build-image step follows. */
  | { kind: 'pull-image'; service: string; image: string; canBuild?: boolean }
  /** `ifMissing`: only when the engine still lacks the image once the pull before it is done. */
  | { kind: 'build-image'; service: string; image: string; ifMissing?: boolean }
  | { kind: 'remove-image'; image: string }
  /** `replaces`: the diverged container this one takes over from (stopped and removed first). */
  | { kind: 'create-container'; service: string; number: number; name: string; replaces?: { id: string; name: string } }
  | { kind: 'start-container'; service: string; name: string }
  /** Already as wanted: reported, nothing done. */
  | { kind: 'keep-container'; service: string; name: string }
  | { kind: 'restart-container'; service: string; name: string }
  | { kind: 'stop-container'; service: string; name: string }
  | { kind: 'kill-container'; service: string; name: string; signal: string }
  | { kind: 'pause-container'; service: string; name: string }
  | { kind: 'unpause-container'; service: string; name: string }
  | { kind: 'remove-container'; service: string; name: string; volumes: boolean }
  /** Waits until the dependency's containers meet the condition a dependent asked for. */
  | { kind: 'await-dependency'; service: string; condition: DependencyCondition; required: boolean; containers: string[] };

export type Operation = OperationStep & {
  /** 1, 2, 3 in the order the planner added them; stable for the same inputs. */
  id: number;
  /** Why this step is needed, in a few words: `no container`, `config changed`. */
  cause: string;
  /** Ids that must succeed before this one runs. */
  after: number[];
};

export interface Plan {
  operations: Operation[];
}

export type OperationKind = OperationStep['kind'];
