import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { createNetworkNamespace, listNamespaceFiles, namespacePath, removeNetworkNamespace, runInNamespace } from '../../../src/network/links/index.js';
import { describeAsRoot } from '../../harness/root.js';
import { ipJsonIn, leftoversOf, mountsUnder, pings, useLinksFixture } from './links-fixture.js';

const links = useLinksFixture();

/** The mountinfo line of `path`, split into fields. */
function mountFields(path: string): string[] | undefined {
  return readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((line) => line.split(' '))
    .find((fields) => fields[4] === path);
}

describeAsRoot('network namespaces as files', () => {
  test('the namespace directory is a shared mount of its own, so unmounts reach copies in other mount namespaces', () => {
    const fields = mountFields(links().host.namespaceDirectory);
    expect(fields).toBeDefined();
    expect(fields?.slice(6, fields.indexOf('-')).some((field) => field.startsWith('shared:'))).toBe(true);
  });

  test('a new namespace is a network namespace mounted on <run>/netns/<id>, with only lo, and lo up', async () => {
    const { host, containerId } = links();
    const id = containerId();
    const path = await createNetworkNamespace(host, id);
    try {
      expect(path).toBe(namespacePath(host, id));
      expect(path.startsWith(`${host.runDirectory}/netns/`)).toBe(true);
      const fields = mountFields(path);
      expect(fields?.[fields.indexOf('-') + 1]).toBe('nsfs');
      expect(fields?.[3]).toMatch(/^net:\[\d+\]$/);
      const inside = await ipJsonIn<{ ifname: string; flags: string[] }[]>(path, ['link', 'show']);
      expect(inside.map((link) => link.ifname)).toEqual(['lo']);
      expect(inside[0]?.flags).toContain('UP');
      expect(await pings(path, '127.0.0.1')).toBe(true);
      expect(await listNamespaceFiles(host)).toEqual([{ id, path, mounted: true }]);
    } finally {
      await removeNetworkNamespace(host, id);
    }
    expect(leftoversOf(host)).toEqual({ links: [], mounts: [], files: [] });
    expect(mountsUnder(host.namespaceDirectory)).toEqual([host.namespaceDirectory]);
  });

  test('a mount namespace copied while the namespace existed (as systemd copies them, a slave) loses its copy when berth removes it', async () => {
    const { host, containerId } = links();
    const id = containerId();
    const path = await createNetworkNamespace(host, id);
    const copy = spawn('unshare', ['--mount', '--propagation', 'slave', 'sleep', '60'], { stdio: 'ignore' });
    try {
      await once(copy, 'spawn');
      const mountsOfCopy = (): string[] => readFileSync(`/proc/${copy.pid}/mountinfo`, 'utf8').split('\n').map((line) => line.split(' ')[4] ?? '');
      // unshare runs sleep once it has made the copy; before that, /proc/PID is still berth's mount namespace.
      await expect.poll(() => readFileSync(`/proc/${copy.pid}/comm`, 'utf8').trim()).toBe('sleep');
      expect(mountsOfCopy()).toContain(path);
      await removeNetworkNamespace(host, id);
      expect(mountsOfCopy()).not.toContain(path);
    } finally {
      copy.kill('SIGKILL');
      if (copy.exitCode === null && copy.signalCode === null) await once(copy, 'exit');
    }
  });

  test('a command run in the namespace sees its network and not the host', async () => {
    const { host, containerId } = links();
    const id = containerId();
    const path = await createNetworkNamespace(host, id);
    try {
      const result = await runInNamespace(path, ['cat', '/proc/net/dev']);
      expect(result.exit.code).toBe(0);
      const interfaces = result.stdout.split('\n').slice(2).map((line) => line.split(':')[0]?.trim()).filter(Boolean);
      expect(interfaces).toEqual(['lo']);
    } finally {
      await removeNetworkNamespace(host, id);
    }
  });

  test('a second namespace for the same container is refused while the first exists', async () => {
    const { host, containerId } = links();
    const id = containerId();
    await createNetworkNamespace(host, id);
    try {
      await expect(createNetworkNamespace(host, id)).rejects.toMatchObject({ code: 'NETWORK_NAMESPACE_EXISTS', kind: 'conflict' });
      expect((await listNamespaceFiles(host)).map((file) => file.mounted)).toEqual([true]);
    } finally {
      await removeNetworkNamespace(host, id);
    }
  });

  test('removing a namespace that is already gone is not an error', async () => {
    const { host, containerId } = links();
    const id = containerId();
    await createNetworkNamespace(host, id);
    await removeNetworkNamespace(host, id);
    await expect(removeNetworkNamespace(host, id)).resolves.toBeUndefined();
  });

  test('a namespace id that could leave the directory is refused', async () => {
    await expect(createNetworkNamespace(links().host, '../escape')).rejects.toMatchObject({ code: 'NETWORK_BAD_NAMESPACE_ID' });
  });
});
