import { beforeAll, expect, it } from 'vitest';
import { useBerthEngine } from '../harness/berth-engine.js';
import { pushFixture } from '../harness/fixtures/index.js';
import { useRegistry } from '../harness/registry.js';
import { describeAsRoot } from '../harness/root.js';
import { inspectContainer, pullImage, runDetached } from './engine-calls.js';

/** daemon.json's `log-opts` reach the containers that name no log options of their own, as dockerd's do. */
describeAsRoot('the daemon log defaults', () => {
  const registry = useRegistry();
  const engine = useBerthEngine({ config: { 'log-opts': { 'max-size': '1m', 'max-file': '2' } } });
  let image = '';
  beforeAll(async () => {
    image = (await pushFixture(registry(), 'busybox', 'library/busybox:test')).reference;
    await pullImage(engine().endpoint, image);
  }, 120_000);

  it('a container without a log config gets the daemon\'s options; its own options win', async () => {
    const plain = await runDetached(engine().endpoint, { Image: image, Cmd: ['true'] });
    expect((await inspectContainer(engine().endpoint, plain)).HostConfig.LogConfig).toEqual({ Type: 'json-file', Config: { 'max-size': '1m', 'max-file': '2' } });
    const own = await runDetached(engine().endpoint, { Image: image, Cmd: ['true'], HostConfig: { LogConfig: { Type: 'json-file', Config: { 'max-size': '5m' } } } });
    expect((await inspectContainer(engine().endpoint, own)).HostConfig.LogConfig).toEqual({ Type: 'json-file', Config: { 'max-size': '5m', 'max-file': '2' } });
  });
});
