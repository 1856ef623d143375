import { describe, expect, it } from 'vitest';
import { checkConsistency } from '../../../src/compose-spec/checks/index.js';
import type { ComposeError } from '../../../src/compose-spec/compose-error.js';
import { composeErrorOf } from '../../helpers/error-of.js';

type Project = Parameters<typeof checkConsistency>[0];
const none = { disabledServices: new Map<string, string[]>() };

function failure(project: Project, options = none): ComposeError {
  return composeErrorOf(() => checkConsistency(project, options));
}

const started = { condition: 'service_started', required: true };

describe('consistency checks', () => {
  it('accept a project whose references all resolve', () => {
    expect(() =>
      checkConsistency(
        {
          services: {
            web: { depends_on: { db: started }, networks: { default: null }, volumes: [{ type: 'volume', source: 'data', target: '/d' }] },
            db: { networks: { default: null } },
          },
          networks: { default: { name: 'p_default' } },
          volumes: { data: { name: 'p_data' } },
        },
        none,
      ),
    ).not.toThrow();
  });

  it('name the service and the undefined dependency', () => {
    const error = failure({ services: { web: { depends_on: { db: started } } } });
    expect(error.message).toBe('services.web.depends_on: service "web" depends on undefined service "db"');
    expect(error.hint).toBe('define a service named "db" or remove it from depends_on');
  });

  it('allow an optional dependency on a missing service', () => {
    expect(() => checkConsistency({ services: { web: { depends_on: { db: { condition: 'service_started', required: false } } } } }, none)).not.toThrow();
  });

  it('say which profile enables a disabled dependency', () => {
    const error = failure({ services: { web: { depends_on: { db: started } } } }, { disabledServices: new Map([['db', ['database']]]) });
    expect(error.message).toBe('services.web.depends_on: service "web" depends on service "db", which is disabled: its profiles (database) are not active');
    expect(error.hint).toBe('enable it with --profile database (or COMPOSE_PROFILES=database), or mark the dependency required: false');
  });

  it('name undefined networks, volumes, secrets and configs', () => {
    expect(failure({ services: { web: { networks: { front: null } } }, networks: {} }).message).toBe('services.web.networks: service "web" refers to undefined network "front"');
    expect(failure({ services: { web: { volumes: [{ type: 'volume', source: 'data', target: '/d' }] } } }).message).toBe('services.web.volumes: service "web" refers to undefined volume "data"');
    expect(failure({ services: { web: { secrets: [{ source: 'key', target: 'key' }] } } }).message).toBe('services.web.secrets: service "web" refers to undefined secret "key"');
    expect(failure({ services: { web: { configs: [{ source: 'conf' }] } } }).message).toBe('services.web.configs: service "web" refers to undefined config "conf"');
  });

  it('ignore bind mounts and anonymous volumes', () => {
    expect(() => checkConsistency({ services: { web: { volumes: [{ type: 'bind', source: '/x', target: '/x' }, { type: 'volume', target: '/y' }] } } }, none)).not.toThrow();
  });

  it('name a dependency cycle in order', () => {
    const error = failure({
      services: {
        a: { depends_on: { b: started } },
        b: { links: ['c:see'] },
        c: { network_mode: 'service:a' },
      },
    });
    expect(error.message).toBe('services.a: dependency cycle detected: a -> b -> c -> a');
  });

  it('refuse two services with the same container name', () => {
    const error = failure({ services: { a: { container_name: 'x' }, b: { container_name: 'x' } } });
    expect(error.message).toBe('services.b.container_name: container name "x" is already in use by service "a"');
  });

  it('refuse two services publishing the same host port and protocol', () => {
    const error = failure({
      services: {
        api: { ports: [{ target: 80, published: '8080', protocol: 'tcp' }] },
        web: { ports: [{ target: 3000, published: '8080', protocol: 'tcp', host_ip: '127.0.0.1' }] },
      },
    });
    expect(error.message).toBe('services.web.ports[0]: host port 8080/tcp is published twice: service "api" already publishes it');
    expect(error.hint).toBe('publish another host port here, e.g. "8081:3000"');
  });

  it('allow the same port number on different protocols or distinct host addresses', () => {
    expect(() =>
      checkConsistency(
        {
          services: {
            dns: { ports: [{ target: 53, published: '53', protocol: 'udp' }, { target: 53, published: '53', protocol: 'tcp' }] },
            a: { ports: [{ target: 80, published: '80', protocol: 'tcp', host_ip: '127.0.0.1' }] },
            b: { ports: [{ target: 80, published: '80', protocol: 'tcp', host_ip: '127.0.0.2' }] },
          },
        },
        none,
      ),
    ).not.toThrow();
  });
});
