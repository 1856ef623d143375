import { expect, it } from 'vitest';
import { describeAsRoot } from '../../../harness/root.js';
import { useApiServer } from '../api-server-fixture.js';
import { unixTime } from '../system/event-times.js';

describeAsRoot('docker volume', () => {
  const fixture = useApiServer();

  it('create, ls, inspect and rm a volume as with Docker', async () => {
    const created = await fixture.docker(['volume', 'create', '--label', 'team=shop', 'shop_data']);
    expect(created.stderr).toBe('');
    expect(created.stdout).toBe('shop_data\n');
    const listed = await fixture.docker(['volume', 'ls', '--filter', 'label=team=shop', '--format', '{{.Driver}} {{.Name}}']);
    expect(listed.stdout).toBe('local shop_data\n');
    const inspected = await fixture.docker(['volume', 'inspect', 'shop_data', '--format', '{{.Name}} {{.Driver}} {{.Scope}} {{.Mountpoint}}']);
    expect(inspected.stdout).toMatch(/^shop_data local local \/\S+\/volumes\/shop_data\/_data\n$/);
    const removed = await fixture.docker(['volume', 'rm', 'shop_data']);
    expect(removed.stdout).toBe('shop_data\n');
    const gone = await fixture.docker(['volume', 'inspect', 'shop_data']);
    expect(gone.exitCode).toBe(1);
    expect(gone.stderr).toMatch(/get shop_data: no such volume/);
  });

  it('refuses to remove a volume a container uses, even forced, with Docker words', async () => {
    const image = await fixture.engine.image('busybox');
    const { Id } = await fixture.parts().containers.create({ Image: image, Cmd: ['true'], HostConfig: { NetworkMode: 'none', Binds: ['used_data:/data'] } });
    const refused = await fixture.docker(['volume', 'rm', '--force', 'used_data']);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toBe(`Error response from daemon: remove used_data: volume is in use - [${Id}]\n`);
    await fixture.parts().containers.remove(Id);
    expect((await fixture.docker(['volume', 'rm', 'used_data'])).exitCode).toBe(0);
  });

  it('tells the event stream of creates and removes, with the driver', async () => {
    const since = unixTime();
    await fixture.docker(['volume', 'create', 'told']);
    await fixture.docker(['volume', 'rm', 'told']);
    const events = await fixture.docker(['events', '--since', since, '--until', unixTime(Date.now() + 1), '--filter', 'type=volume', '--format', '{{.Action}} {{.Actor.ID}} {{.Actor.Attributes.driver}}']);
    expect(events.stdout).toBe('create told local\ndestroy told local\n');
  });

  it('prune removes the volumes no container uses', async () => {
    const image = await fixture.engine.image('busybox');
    await fixture.docker(['volume', 'create', 'unused_data']);
    const { Id } = await fixture.parts().containers.create({ Image: image, Cmd: ['true'], HostConfig: { NetworkMode: 'none', Binds: ['kept_data:/data'] } });
    const pruned = await fixture.docker(['volume', 'prune', '--force']);
    expect(pruned.exitCode).toBe(0);
    expect(pruned.stdout).toMatch(/^Deleted Volumes:\nunused_data\n\nTotal reclaimed space: 0B\n$/);
    expect((await fixture.docker(['volume', 'ls', '--format', '{{.Name}}'])).stdout).toBe('kept_data\n');
    await fixture.parts().containers.remove(Id);
    await fixture.docker(['volume', 'rm', 'kept_data']);
  });
});
