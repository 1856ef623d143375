import { expect, it } from 'vitest';
import { describeAsRoot } from '../../../harness/root.js';
import { useApiServer } from '../api-server-fixture.js';
import { unixTime } from '../system/event-times.js';

describeAsRoot('docker network', () => {
  const fixture = useApiServer();

  it('create, ls, inspect and rm a network as with Docker', async () => {
    const created = await fixture.docker(['network', 'create', '--label', 'team=shop', 'shop_net']);
    expect(created.stderr).toBe('');
    expect(created.stdout).toMatch(/^[0-9a-f]{64}\n$/);
    const listed = await fixture.docker(['network', 'ls', '--filter', 'label=team=shop', '--format', '{{.Name}} {{.Driver}} {{.Scope}}']);
    expect(listed.stdout).toBe('shop_net bridge local\n');
    const inspected = await fixture.docker(['network', 'inspect', 'shop_net', '--format', '{{.Id}} {{.Driver}} {{index .Labels "team"}}']);
    expect(inspected.stdout).toBe(`${created.stdout.trim()} bridge shop\n`);
    const removed = await fixture.docker(['network', 'rm', 'shop_net']);
    expect(removed.exitCode).toBe(0);
    expect(removed.stdout).toBe('shop_net\n');
    const gone = await fixture.docker(['network', 'inspect', 'shop_net']);
    expect(gone.exitCode).toBe(1);
    expect(gone.stderr).toMatch(/network shop_net not found/);
  });

  it('refuses a second network of the same name with Docker words', async () => {
    expect((await fixture.docker(['network', 'create', 'twice'])).exitCode).toBe(0);
    const again = await fixture.docker(['network', 'create', 'twice']);
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toBe('Error response from daemon: network with name twice already exists\n');
  });

  it('connects and disconnects a running container, and tells the event stream', async () => {
    const image = await fixture.engine.image('busybox');
    const containers = fixture.parts().containers;
    await fixture.docker(['network', 'create', 'joined']);
    const { Id } = await containers.create({ Image: image, Cmd: ['sleep', '60'] }, 'joiner');
    await containers.start(Id);
    // The start's own connect to the default bridge may fall in the same second: only `joined` is asked for.
    const since = unixTime();
    const connected = await fixture.docker(['network', 'connect', '--alias', 'api', 'joined', 'joiner']);
    expect(connected.stderr).toBe('');
    expect(connected.exitCode).toBe(0);
    const members = await fixture.docker(['network', 'inspect', 'joined', '--format', '{{range .Containers}}{{.Name}}{{end}}']);
    expect(members.stdout).toBe('joiner\n');
    const busy = await fixture.docker(['network', 'rm', 'joined']);
    expect(busy.exitCode).toBe(1);
    expect(busy.stderr).toMatch(/error while removing network: network joined id [0-9a-f]{64} has active endpoints/);
    expect((await fixture.docker(['network', 'disconnect', 'joined', 'joiner'])).exitCode).toBe(0);
    const events = await fixture.docker(['events', '--since', since, '--until', unixTime(Date.now() + 1), '--filter', 'type=network', '--filter', 'network=joined', '--format', '{{.Action}} {{.Actor.Attributes.name}} {{.Actor.Attributes.container}}']);
    expect(events.stdout).toBe(`connect joined ${Id}\ndisconnect joined ${Id}\n`);
  });

  it('prune removes the networks no container uses', async () => {
    await fixture.docker(['network', 'create', 'unused_a']);
    const pruned = await fixture.docker(['network', 'prune', '--force']);
    expect(pruned.exitCode).toBe(0);
    expect(pruned.stdout).toBe('Deleted Networks:\nunused_a\n\n');
    expect((await fixture.docker(['network', 'ls', '--format', '{{.Name}}'])).stdout.split('\n').sort()).toEqual(['', 'bridge', 'host', 'none']);
  });
});
