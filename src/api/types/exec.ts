/** Exec shapes (API v1.41). Starting an exec hijacks the connection (see exec-session.ts). */

/** `POST /containers/{id}/exec` body. */
export interface ExecCreateRequest {
  Cmd: string[];
  AttachStdin?: boolean;
  AttachStdout?: boolean;
  AttachStderr?: boolean;
  /** Decides whether the started exec's output is framed (no TTY) or raw (TTY). */
  Tty?: boolean;
  DetachKeys?: string;
  /** `NAME=value` strings, added to the container's environment. */
  Env?: string[];
  Privileged?: boolean;
  User?: string;
  WorkingDir?: string;
}

/** `POST /containers/{id}/exec` answer (201). */
export interface ExecCreateResponse {
  Id: string;
}

/** `GET /exec/{id}/json`. ExitCode is null while the process runs. */
export interface ExecInspect {
  ID: string;
  ContainerID: string;
  Running: boolean;
  ExitCode: number | null;
  Pid: number;
  OpenStdin: boolean;
  OpenStdout: boolean;
  OpenStderr: boolean;
  CanRemove: boolean;
  DetachKeys: string;
  ProcessConfig: {
    entrypoint: string;
    arguments: string[];
    privileged: boolean;
    tty: boolean;
    user?: string;
  };
}
