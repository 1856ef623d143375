import { describe, expect, it } from 'vitest';
import { mountPoint, planMounts, type MergedConfig } from '../../../../src/runtime/containers/records/index.js';

const config: MergedConfig = { Image: 'postgres:15', Labels: {}, Volumes: { '/var/lib/postgresql/data': {}, '/anon': {}, '/n': {} } };
const exists = (): boolean => true;
const volume = (name: string): { name: string; mountpoint: string } => ({ name, mountpoint: `/state/volumes/${name}/_data` });

describe('planning the mounts of a container', () => {
  it('adds an anonymous volume for each VOLUME path nothing else is mounted on, sorted by destination', () => {
    const plan = planMounts(config, { Binds: ['named:/n', '/srv:/h:ro'], Mounts: [{ Type: 'tmpfs', Target: '/t' }], Tmpfs: { '/run': 'size=1m' } }, exists);
    expect(plan.map((spec) => `${spec.Destination} ${spec.Type} ${spec.Origin} ${spec.Source || '(anonymous)'}`)).toEqual([
      '/anon volume Volumes (anonymous)',
      '/h bind Binds /srv',
      '/n volume Binds named',
      '/run tmpfs Tmpfs (anonymous)',
      '/t tmpfs Mounts (anonymous)',
      '/var/lib/postgresql/data volume Volumes (anonymous)',
    ]);
  });

  it('describes each mount as Docker 20.10 lists it in inspect', () => {
    const plan = planMounts(
      { Image: 'busybox', Labels: {}, Volumes: { '/anon': {} } },
      {
        Binds: ['named:/n', '/tmp:/h:ro', 'named2:/n2:nocopy,ro', '/anon2', '/tmp:/h2:rshared,z'],
        Mounts: [{ Type: 'tmpfs', Target: '/t' }, { Type: 'bind', Source: '/tmp', Target: '/m' }, { Type: 'volume', Source: 'mv', Target: '/mv' }, { Type: 'volume', Target: '/mva' }],
        Tmpfs: { '/run': '' },
      },
      exists,
    );
    const points = plan.map((spec) => mountPoint(spec, spec.Type === 'volume' ? volume(spec.Source || `anon${spec.Destination.replaceAll('/', '-')}`) : undefined));
    // Docker's answer for the same request, from a 20.10 engine (Propagation of binds there follows the host's mounts).
    expect(points).toEqual([
      { Type: 'volume', Name: 'anon-anon', Source: '/state/volumes/anon-anon/_data', Destination: '/anon', Driver: 'local', Mode: '', RW: true, Propagation: '' },
      { Type: 'volume', Name: 'anon-anon2', Source: '/state/volumes/anon-anon2/_data', Destination: '/anon2', Driver: 'local', Mode: 'z', RW: true, Propagation: '' },
      { Type: 'bind', Source: '/tmp', Destination: '/h', Mode: 'ro', RW: false, Propagation: 'rprivate' },
      { Type: 'bind', Source: '/tmp', Destination: '/h2', Mode: 'rshared,z', RW: true, Propagation: 'rshared' },
      { Type: 'bind', Source: '/tmp', Destination: '/m', Mode: '', RW: true, Propagation: 'rprivate' },
      { Type: 'volume', Name: 'mv', Source: '/state/volumes/mv/_data', Destination: '/mv', Driver: 'local', Mode: 'z', RW: true, Propagation: '' },
      { Type: 'volume', Name: 'anon-mva', Source: '/state/volumes/anon-mva/_data', Destination: '/mva', Driver: 'local', Mode: 'z', RW: true, Propagation: '' },
      { Type: 'volume', Name: 'named', Source: '/state/volumes/named/_data', Destination: '/n', Driver: 'local', Mode: 'z', RW: true, Propagation: '' },
      { Type: 'volume', Name: 'named2', Source: '/state/volumes/named2/_data', Destination: '/n2', Driver: 'local', Mode: 'nocopy,ro', RW: false, Propagation: '' },
      undefined,
      { Type: 'tmpfs', Source: '', Destination: '/t', Mode: '', RW: true, Propagation: '' },
    ]);
  });

  it('says which volumes skip copy-up and which bind sources may be created', () => {
    const plan = planMounts({ Image: 'x', Labels: {} }, { Binds: ['/srv:/a', 'cache:/c:nocopy'], Mounts: [{ Type: 'bind', Source: '/srv', Target: '/b' }, { Type: 'volume', Source: 'v2', Target: '/d', VolumeOptions: { NoCopy: true, Labels: { k: 'v' } } }] }, exists);
    expect(plan.map((spec) => [spec.Destination, spec.NoCopy, spec.CreateSource, spec.VolumeLabels])).toEqual([
      ['/a', false, true, undefined],
      ['/b', false, false, undefined],
      ['/c', true, false, undefined],
      ['/d', true, false, { k: 'v' }],
    ]);
  });

  it('gives a tmpfs from Mounts its options as mount data, as Docker writes them', () => {
    const [tmpfs] = planMounts({ Image: 'x', Labels: {} }, { Mounts: [{ Type: 'tmpfs', Target: '/t', ReadOnly: true, TmpfsOptions: { SizeBytes: 64 << 20, Mode: 0o1777 } }] }, exists);
    expect(tmpfs?.TmpfsData).toBe('ro,mode=1777,size=64m');
  });
});
