import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { commitContainer } from '../../../../src/runtime/containers/commit/index.js';
import { imageHistory, inspectImage } from '../../../../src/runtime/images/index.js';
import { readImageConfig } from '../../../../src/runtime/images/operations/index.js';
import { describeAsRoot } from '../../../harness/root.js';
import { eventually, runToExit, useEngine } from '../engine/engine-fixture.js';
import { layerMembers } from './layer-members.js';

describeAsRoot('committing a container', () => {
  const fixture = useEngine();
  const parts = () => ({ containers: fixture.engine(), images: fixture.images() });

  it('makes an image whose containers see the new file, not the deleted one, and only the new content of a replaced directory', async () => {
    const engine = fixture.engine();
    const image = await fixture.image('busybox');
    const script = 'mkdir -p /srv/site && echo old > /srv/site/old.html && echo note > /note.txt';
    const base = await runToExit(engine, { Image: image, Cmd: ['sh', '-c', script] });
    const baseImage = await commitContainer(parts(), base.id, { reference: 'commit-base:1' });

    const changed = await runToExit(engine, {
      Image: 'commit-base:1',
      Cmd: ['sh', '-c', 'echo hello > /hello.txt && rm /note.txt && rm -rf /srv/site && mkdir /srv/site && echo new > /srv/site/new.html'],
    });
    const committed = await commitContainer(parts(), changed.id, { reference: 'commit-child:1' });

    expect(committed).toMatchObject({ reference: 'commit-child:1', emptyLayer: false, containerId: changed.id });
    const seen = await runToExit(engine, { Image: 'commit-child:1', Cmd: ['sh', '-c', 'cat /hello.txt; ls /srv/site; test -e /note.txt || echo note gone'] });
    expect(seen).toMatchObject({ exitCode: 0, log: 'hello\nnew.html\nnote gone\n' });
    const config = await readImageConfig(fixture.images(), committed.id, 'the commit');
    const parentConfig = await readImageConfig(fixture.images(), baseImage.id, 'the base');
    expect(config.diffIds.slice(0, -1)).toEqual(parentConfig.diffIds);
  });

  it('writes whiteouts and opaque markers into the layer, and none of the /etc files runc mounted', async () => {
    const engine = fixture.engine();
    const image = await fixture.image('busybox');
    const base = await runToExit(engine, { Image: image, Cmd: ['sh', '-c', 'mkdir -p /srv/site && echo old > /srv/site/old.html && echo note > /note.txt'] });
    await commitContainer(parts(), base.id, { reference: 'commit-markers:1' });
    const changed = await runToExit(engine, {
      Image: 'commit-markers:1',
      Hostname: 'committed-host',
      Cmd: ['sh', '-c', 'rm /note.txt && rm -rf /srv/site && mkdir /srv/site && echo new > /srv/site/new.html && echo extra >> /etc/hosts'],
    });

    const committed = await commitContainer(parts(), changed.id);

    const config = await readImageConfig(fixture.images(), committed.id, 'the commit');
    const members = await layerMembers(createReadStream(fixture.images().path(config.diffIds.at(-1)!)));
    expect(members.map((member) => member.path)).toEqual(['.wh.note.txt', 'srv/', 'srv/site/', 'srv/site/.wh..wh..opq', 'srv/site/new.html']);
    expect(members.find((member) => member.path === '.wh.note.txt')).toMatchObject({ type: 'File', size: 0, mode: 0o600 });
  });

  it('keeps modes, owners, hard links, symlinks and extended attributes', async () => {
    const engine = fixture.engine();
    const image = await fixture.image('busybox');
    const script = 'mkdir /data && echo x > /data/tool && chown 123:456 /data/tool && chmod 4750 /data/tool && ln /data/tool /data/again && ln -s tool /data/link';
    const made = await runToExit(engine, { Image: image, Cmd: ['sh', '-c', script] });
    // busybox has no setfattr; the host sets one on the container's writable layer.
    execFileSync('setfattr', ['-n', 'user.note', '-v', 'kept', join(fixture.engine().records.directory(made.id), 'rootfs', 'diff', 'data', 'tool')]);

    const committed = await commitContainer(parts(), made.id, { reference: 'commit-meta:1' });

    const config = await readImageConfig(fixture.images(), committed.id, 'the commit');
    const members = await layerMembers(createReadStream(fixture.images().path(config.diffIds.at(-1)!)));
    expect(members.filter((member) => member.path.startsWith('data/')).map(({ path, type, mode, uid, gid, linkpath, xattrs }) => ({ path, type, mode, uid, gid, linkpath, xattrs }))).toEqual([
      { path: 'data/', type: 'Directory', mode: 0o755, uid: 0, gid: 0, linkpath: '', xattrs: {} },
      { path: 'data/again', type: 'File', mode: 0o4750, uid: 123, gid: 456, linkpath: '', xattrs: { 'user.note': 'kept' } },
      { path: 'data/link', type: 'SymbolicLink', mode: 0o777, uid: 0, gid: 0, linkpath: 'tool', xattrs: {} },
      { path: 'data/tool', type: 'Link', mode: 0o4750, uid: 123, gid: 456, linkpath: 'data/again', xattrs: { 'user.note': 'kept' } },
    ]);
    const seen = await runToExit(engine, { Image: 'commit-meta:1', Cmd: ['sh', '-c', 'stat -c "%a %u:%g %h" /data/tool; readlink /data/link'] });
    expect(seen.log).toBe('4750 123:456 2\ntool\n');
  });

  it('commits a container that changed nothing as an empty layer, as Docker does', async () => {
    const engine = fixture.engine();
    const image = await fixture.image('busybox');
    const quiet = await runToExit(engine, { Image: image, Cmd: ['true'] });

    const committed = await commitContainer(parts(), quiet.id, { comment: 'nothing changed' });

    expect(committed.emptyLayer).toBe(true);
    const parent = await readImageConfig(fixture.images(), engine.inspect(quiet.id).Image, 'busybox');
    const config = await readImageConfig(fixture.images(), committed.id, 'the commit');
    expect(config.diffIds).toEqual(parent.diffIds);
    expect(config.history?.at(-1)).toEqual({ created: expect.any(String), created_by: 'true', comment: 'nothing changed', empty_layer: true });
  });

  it('applies the changes, the message and the author to the config and the history', async () => {
    const engine = fixture.engine();
    const image = await fixture.image('busybox');
    const made = await runToExit(engine, { Image: image, Cmd: ['sh', '-c', 'echo x > /x'], Env: ['KEEP=1'], Labels: { team: 'core' } });

    const committed = await commitContainer(parts(), made.id, {
      reference: 'commit-changes',
      comment: 'with changes',
      author: 'Berth Tests <tests@example.com>',
      changes: ['CMD ["echo","hi"]', 'ENV PATH=/opt/bin:$PATH STAGE=test', 'EXPOSE 8080 53/udp', 'LABEL tier=web', 'WORKDIR /srv', 'USER nobody', 'VOLUME /cache'],
    });

    expect(committed.reference).toBe('commit-changes:latest');
    const details = await inspectImage(fixture.images(), 'commit-changes');
    expect(details).toMatchObject({ Author: 'Berth Tests <tests@example.com>', Comment: 'with changes' });
    expect(details.Config).toMatchObject({
      Cmd: ['echo', 'hi'],
      Env: expect.arrayContaining(['KEEP=1', 'STAGE=test', expect.stringMatching(/^PATH=\/opt\/bin:\/usr\/local\/sbin:/)]),
      ExposedPorts: { '8080/tcp': {}, '53/udp': {} },
      Labels: { team: 'core', tier: 'web' },
      WorkingDir: '/srv',
      User: 'nobody',
      Volumes: { '/cache': {} },
    });
    const [newest] = await imageHistory(fixture.images(), 'commit-changes');
    expect(newest).toMatchObject({ CreatedBy: 'sh -c echo x > /x', Comment: 'with changes', Tags: ['commit-changes:latest'] });
    expect((await runToExit(engine, { Image: 'commit-changes' })).log).toBe('hi\n');
  });

  it('refuses a change Docker does not take before anything is paused', async () => {
    const engine = fixture.engine();
    const image = await fixture.image('busybox');
    const { Id } = await engine.create({ Image: image, Cmd: ['sleep', '60'] });
    await engine.start(Id);

    await expect(commitContainer(parts(), Id, { changes: ['RUN echo no'] })).rejects.toMatchObject({ code: 'INVALID_COMMIT_CHANGE', kind: 'usage', message: 'run is not a valid change command' });
    expect(engine.inspect(Id).State).toMatchObject({ Running: true, Paused: false });
  });

  it('pauses a running container while reading its changes and leaves it running', async () => {
    const engine = fixture.engine();
    const image = await fixture.image('busybox');
    const { Id } = await engine.create({ Image: image, Cmd: ['sh', '-c', 'echo live > /live.txt && sleep 60'] });
    const actions: string[] = [];
    const stop = engine.subscribe((event) => event.id === Id && actions.push(event.action));
    await engine.start(Id);
    await eventually(() => existsSync(join(engine.records.directory(Id), 'rootfs', 'diff', 'live.txt')), 'the container to write its file');

    const committed = await commitContainer(parts(), Id, { reference: 'commit-live:1' });
    stop();

    expect(actions).toEqual(['start', 'pause', 'unpause']);
    expect(engine.inspect(Id).State).toMatchObject({ Running: true, Paused: false });
    expect(committed.emptyLayer).toBe(false);
    expect((await runToExit(engine, { Image: 'commit-live:1', Cmd: ['cat', '/live.txt'] })).log).toBe('live\n');
  });

  it('says which container is missing, in Docker\'s words', async () => {
    await expect(commitContainer(parts(), 'no-such-container')).rejects.toMatchObject({ kind: 'not-found', message: 'No such container: no-such-container' });
  });
});
