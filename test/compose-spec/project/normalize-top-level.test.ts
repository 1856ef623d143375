import { describe, expect, it } from 'vitest';
import { ComposeError } from '../../../src/compose-spec/compose-error.js';
import type { ServiceConfig } from '../../../src/compose-spec/model/index.js';
import { normalizeTopLevel } from '../../../src/compose-spec/project/index.js';

const context = { projectName: 'shop', projectDirectory: '/srv/shop' };
const onDefault: Record<string, ServiceConfig> = { web: { image: 'nginx', networks: { default: null } } };
const hostOnly: Record<string, ServiceConfig> = { web: { image: 'nginx', network_mode: 'host' } };

describe('normalizeTopLevel', () => {
  it('adds the default network when a service joins it', () => {
    expect(normalizeTopLevel({}, context, onDefault)).toEqual({ networks: { default: { name: 'shop_default' } } });
  });

  it('adds the default network for a service that names no network and has no network_mode', () => {
    expect(normalizeTopLevel({}, context, { web: { image: 'nginx' } })).toEqual({ networks: { default: { name: 'shop_default' } } });
  });

  it('adds no default network when no service uses it', () => {
    expect(normalizeTopLevel({}, context, hostOnly)).toEqual({});
    expect(normalizeTopLevel({ networks: { front: null } }, context, { web: { image: 'nginx', networks: { front: null } } }))
      .toEqual({ networks: { front: { name: 'shop_front' } } });
  });

  it('keeps a declared default network and names it like any other', () => {
    expect(normalizeTopLevel({ networks: { default: { driver: 'bridge' } } }, context, onDefault))
      .toEqual({ networks: { default: { name: 'shop_default', driver: 'bridge' } } });
  });

  it('names networks, volumes, secrets and configs <project>_<key> unless they set a name', () => {
    const raw = {
      networks: { back: null, front: { name: 'custom-front' } },
      volumes: { data: {}, logs: { name: 'shared-logs' } },
      secrets: { token: { file: '/srv/shop/token.txt' } },
      configs: { settings: { content: 'a=1' } },
    };
    expect(normalizeTopLevel(raw, context, hostOnly)).toEqual({
      networks: { back: { name: 'shop_back' }, front: { name: 'custom-front' } },
      volumes: { data: { name: 'shop_data' }, logs: { name: 'shared-logs' } },
      secrets: { token: { name: 'shop_token', file: '/srv/shop/token.txt' } },
      configs: { settings: { name: 'shop_settings', content: 'a=1' } },
    });
  });

  it('names an external resource by its key, or by its own name', () => {
    const raw = {
      networks: { proxy: { external: true } },
      volumes: { certs: { external: true, name: 'letsencrypt' } },
      secrets: { key: { external: true } },
    };
    expect(normalizeTopLevel(raw, context, hostOnly)).toEqual({
      networks: { proxy: { name: 'proxy', external: true } },
      volumes: { certs: { name: 'letsencrypt', external: true } },
      secrets: { key: { name: 'key', external: true } },
    });
  });

  it('reads the legacy external: {name: x} as name: x with external: true, and warns', () => {
    const warnings: string[] = [];
    const raw = { volumes: { certs: { external: { name: 'letsencrypt' } } }, networks: { proxy: { external: {} } } };
    expect(normalizeTopLevel(raw, { ...context, warn: (message) => warnings.push(message) }, hostOnly)).toEqual({
      networks: { proxy: { name: 'proxy', external: true } },
      volumes: { certs: { name: 'letsencrypt', external: true } },
    });
    expect(warnings).toEqual(['volumes.certs: external.name is deprecated. Please set name and external: true']);
  });

  it('rejects a name that contradicts external.name', () => {
    const raw = { networks: { proxy: { name: 'a', external: { name: 'b' } } } };
    let thrown: unknown;
    try {
      normalizeTopLevel(raw, context, hostOnly);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ComposeError);
    expect((thrown as ComposeError).code).toBe('COMPOSE_EXTERNAL_NAME_CONFLICT');
    expect((thrown as ComposeError).message).toBe('networks.proxy: name and external.name conflict; only use name');
  });

  it('turns label lists into mappings and option values into strings', () => {
    const raw = {
      networks: {
        back: {
          driver: 'bridge',
          driver_opts: { 'com.docker.network.driver.mtu': 1450, flag: true, empty: null },
          labels: ['team=payments', 'tier'],
          ipam: { driver: 'default', config: [{ subnet: '172.28.0.0/16', aux_addresses: { router: '172.28.1.5' } }] },
          internal: true,
          enable_ipv6: false,
          'x-note': 'kept',
        },
      },
      volumes: { data: { driver: 'local', driver_opts: { size: 1.5 }, labels: { count: 3 } } },
    };
    expect(normalizeTopLevel(raw, context, hostOnly)).toEqual({
      networks: {
        back: {
          name: 'shop_back',
          driver: 'bridge',
          driver_opts: { 'com.docker.network.driver.mtu': '1450', flag: 'true', empty: '' },
          ipam: { driver: 'default', config: [{ subnet: '172.28.0.0/16', aux_addresses: { router: '172.28.1.5' } }] },
          internal: true,
          labels: { team: 'payments', tier: '' },
          enable_ipv6: false,
          'x-note': 'kept',
        },
      },
      volumes: { data: { name: 'shop_data', driver: 'local', driver_opts: { size: '1.5' }, labels: { count: '3' } } },
    });
  });

  it('keeps secret and config sources as written', () => {
    const raw = {
      secrets: { db: { environment: 'DB_PASSWORD' }, cert: { file: '/srv/shop/cert.pem', labels: ['kind=tls'] } },
      configs: { nginx: { file: '/srv/shop/nginx.conf', template_driver: 'golang' } },
    };
    expect(normalizeTopLevel(raw, context, hostOnly)).toEqual({
      secrets: {
        db: { name: 'shop_db', environment: 'DB_PASSWORD' },
        cert: { name: 'shop_cert', file: '/srv/shop/cert.pem', labels: { kind: 'tls' } },
      },
      configs: { nginx: { name: 'shop_nginx', file: '/srv/shop/nginx.conf', template_driver: 'golang' } },
    });
  });

  it('leaves out empty sections and never changes the raw document', () => {
    const raw = { volumes: {}, secrets: { token: { file: '/t' } } };
    const before = JSON.stringify(raw);
    expect(normalizeTopLevel(raw, context, hostOnly)).toEqual({ secrets: { token: { name: 'shop_token', file: '/t' } } });
    expect(JSON.stringify(raw)).toBe(before);
  });
});
