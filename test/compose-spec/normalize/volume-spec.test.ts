import { describe, expect, it } from 'vitest';
import { parseVolumeShortSyntax } from '../../../src/compose-spec/normalize/index.js';

const path = ['services', 'app', 'volumes', 1];

describe('parseVolumeShortSyntax', () => {
  it('reads a relative, absolute or home source as a bind mount that creates its host path', () => {
    for (const source of ['./data', '/srv/data', '~/data', '.']) {
      expect(parseVolumeShortSyntax(`${source}:/data`, path)).toStrictEqual({
        type: 'bind',
        source,
        target: '/data',
        bind: { create_host_path: true },
      });
    }
  });

  it('reads any other source as a named volume', () => {
    expect(parseVolumeShortSyntax('db-data:/var/lib/db', path)).toStrictEqual({ type: 'volume', source: 'db-data', target: '/var/lib/db', volume: {} });
  });

  it('reads a lone target as an anonymous volume', () => {
    expect(parseVolumeShortSyntax('/cache', path)).toStrictEqual({ type: 'volume', target: '/cache', volume: {} });
    expect(parseVolumeShortSyntax('/c', path)).toStrictEqual({ type: 'volume', target: '/c' });
  });

  it('applies modes: ro, nocopy, SELinux labels and propagation', () => {
    expect(parseVolumeShortSyntax('/src:/dst:ro,Z,rslave', path)).toStrictEqual({
      type: 'bind',
      source: '/src',
      target: '/dst',
      read_only: true,
      bind: { selinux: 'Z', propagation: 'rslave', create_host_path: true },
    });
    expect(parseVolumeShortSyntax('data:/dst:nocopy', path)).toStrictEqual({ type: 'volume', source: 'data', target: '/dst', volume: { nocopy: true } });
    expect(parseVolumeShortSyntax('data:/dst:rw', path)).toStrictEqual({ type: 'volume', source: 'data', target: '/dst', volume: {} });
  });

  it('cleans the target path', () => {
    expect(parseVolumeShortSyntax('data:/var//lib/../db/', path).target).toBe('/var/db');
  });

  it('does not split on colons inside ${...}', () => {
    expect(parseVolumeShortSyntax('${SRC:-/srv}:/dst', path)).toStrictEqual({ type: 'volume', source: '${SRC:-/srv}', target: '/dst', volume: {} });
  });

  it('refuses an unknown mode', () => {
    expect(() => parseVolumeShortSyntax('/src:/dst:rx', path)).toThrow(
      'services.app.volumes[1]: invalid spec: /src:/dst:rx: unknown mode "rx": expected a volume such as "data:/var/lib/data", "./src:/app:ro" or "/cache"',
    );
  });

  it('refuses empty sections and too many colons', () => {
    expect(() => parseVolumeShortSyntax('/a::/b', path)).toThrow('invalid spec: /a::/b: empty section between colons');
    expect(() => parseVolumeShortSyntax('/a:/b:ro:extra', path)).toThrow('invalid spec: /a:/b:ro:extra: too many colons');
    expect(() => parseVolumeShortSyntax('', path)).toThrow('services.app.volumes[1]: invalid empty volume spec');
  });
});
