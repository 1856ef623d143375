import { describe, expect, it } from 'vitest';
import { castToSchemaTypes } from '../../../src/compose-spec/schema/index.js';
import { entryPosition } from '../../../src/compose-spec/source/node-meta.js';
import { parseComposeYaml } from '../../../src/compose-spec/source/parse-yaml.js';

/** Strings left by interpolation become the booleans and numbers the model wants, as Compose casts them. */

function cast(document: Record<string, unknown>): { document: Record<string, unknown>; warnings: string[] } {
  const warnings: string[] = [];
  castToSchemaTypes(document, { warn: (message, path) => warnings.push(`${path.join('.')}: ${message}`) });
  return { document, warnings };
}

describe('castToSchemaTypes', () => {
  it('turns "true" and "false" into booleans where a boolean is wanted', () => {
    const { document } = cast({ services: { web: { privileged: 'true', read_only: 'FALSE', init: 'True' } } });
    expect(document).toEqual({ services: { web: { privileged: true, read_only: false, init: true } } });
  });

  it('accepts the YAML 1.1 spellings of booleans with a warning, as compose-go does', () => {
    const { document, warnings } = cast({
      services: { web: { tty: 'yes', stdin_open: 'Off', attach: 'y', use_api_socket: 'N', oom_kill_disable: 'on', init: 'no' } },
    });
    expect(document).toEqual({
      services: { web: { tty: true, stdin_open: false, attach: true, use_api_socket: false, oom_kill_disable: true, init: false } },
    });
    expect(warnings).toEqual([
      'services.web.tty: "yes" for boolean is not supported by YAML 1.2, please use `true`',
      'services.web.stdin_open: "Off" for boolean is not supported by YAML 1.2, please use `false`',
      'services.web.attach: "y" for boolean is not supported by YAML 1.2, please use `true`',
      'services.web.use_api_socket: "N" for boolean is not supported by YAML 1.2, please use `false`',
      'services.web.oom_kill_disable: "on" for boolean is not supported by YAML 1.2, please use `true`',
      'services.web.init: "no" for boolean is not supported by YAML 1.2, please use `false`',
    ]);
  });

  it('turns integer strings into integers where an integer is wanted', () => {
    const { document } = cast({
      services: {
        web: {
          scale: '2',
          pids_limit: '-1',
          oom_score_adj: '+5',
          deploy: { replicas: '3', update_config: { parallelism: '2' }, restart_policy: { max_attempts: '4' } },
          healthcheck: { retries: '05' },
          ports: [{ target: '80', published: '8080' }],
          ulimits: { nproc: '65535', nofile: { soft: '1024', hard: '2048' } },
        },
      },
    });
    expect(document).toEqual({
      services: {
        web: {
          scale: 2,
          pids_limit: -1,
          oom_score_adj: 5,
          deploy: { replicas: 3, update_config: { parallelism: 2 }, restart_policy: { max_attempts: 4 } },
          healthcheck: { retries: 5 },
          // `published` accepts a string (a range such as "8000-8010"), so it stays one.
          ports: [{ target: 80, published: '8080' }],
          ulimits: { nproc: 65535, nofile: { soft: 1024, hard: 2048 } },
        },
      },
    });
  });

  it('turns number strings into numbers where a number is wanted', () => {
    const { document } = cast({
      services: { web: { cpus: '1.5', cpu_percent: '50', deploy: { update_config: { max_failure_ratio: '.25' } } } },
    });
    expect(document).toEqual({
      services: { web: { cpus: 1.5, cpu_percent: 50, deploy: { update_config: { max_failure_ratio: 0.25 } } } },
    });
  });

  it('casts the booleans of top-level resources and of long-syntax entries', () => {
    const { document } = cast({
      services: {
        web: {
          depends_on: { db: { condition: 'service_started', required: 'false', restart: 'true' } },
          volumes: [{ type: 'volume', source: 'data', target: '/data', read_only: 'true', volume: { nocopy: 'true' } }],
          env_file: [{ path: '.env', required: 'false' }],
        },
      },
      networks: { front: { external: 'true', internal: 'false', attachable: 'true', enable_ipv6: 'true' } },
      volumes: { data: { external: 'false' } },
      secrets: { token: { external: 'true' } },
      configs: { app: { external: 'true' } },
    });
    expect(document).toEqual({
      services: {
        web: {
          depends_on: { db: { condition: 'service_started', required: false, restart: true } },
          volumes: [{ type: 'volume', source: 'data', target: '/data', read_only: true, volume: { nocopy: true } }],
          env_file: [{ path: '.env', required: false }],
        },
      },
      networks: { front: { external: true, internal: false, attachable: true, enable_ipv6: true } },
      volumes: { data: { external: false } },
      secrets: { token: { external: true } },
      configs: { app: { external: true } },
    });
  });

  it('leaves strings alone where the schema accepts strings', () => {
    const original = {
      services: {
        web: {
          image: 'true',
          environment: { DEBUG: 'true', COUNT: '3' },
          labels: ['a=1'],
          build: { context: '.', provenance: 'true', args: { N: '1' } },
          mem_limit: '1024',
          shm_size: '64m',
          ports: ['80'],
          expose: ['3000'],
          restart: 'no',
          'x-flag': 'true',
        },
      },
      'x-anything': { replicas: '3' },
    };
    const { document } = cast(structuredClone(original));
    expect(document).toEqual(original);
  });

  it('leaves a string that does not read as the wanted type for validation to report', () => {
    const { document, warnings } = cast({ services: { web: { privileged: 'maybe', scale: '2.5', cpus: 'lots' } } });
    expect(document).toEqual({ services: { web: { privileged: 'maybe', scale: '2.5', cpus: 'lots' } } });
    expect(warnings).toEqual([]);
  });

  it('leaves values that are already typed, and documents of the wrong shape, as they are', () => {
    const { document } = cast({ services: { web: { privileged: true, scale: 2, ports: 'not-a-list' } }, networks: ['x'] });
    expect(document).toEqual({ services: { web: { privileged: true, scale: 2, ports: 'not-a-list' } }, networks: ['x'] });
  });

  it('changes values in place, so their source positions stay known', () => {
    const [document] = parseComposeYaml('services:\n  web:\n    image: a\n    privileged: "true"\n', 'compose.yaml').documents as [Record<string, any>];
    const web = document.services.web;
    castToSchemaTypes(document);
    expect(document.services.web).toBe(web);
    expect(web.privileged).toBe(true);
    expect(entryPosition(web, 'privileged')).toEqual({ file: 'compose.yaml', line: 4, column: 17 });
  });
});
