import { describeAsRoot } from '../../../harness/root.js';
import { expect, it } from 'vitest';
import { reachableContent, removeImage } from '../../../../src/runtime/images/index.js';
import { logText, useEngine } from './engine-fixture.js';

describeAsRoot("a container's image", () => {
  const fixture = useEngine();

  it('outlives a forced removal of its only name and a garbage collection while a container uses it', async () => {
    const engine = fixture.engine();
    const store = fixture.options().images;
    const image = await fixture.image('busybox');
    const { Id } = await engine.create({ Image: image, Cmd: ['echo', 'still here'] });
    const imageId = engine.inspect(Id).Image;

    await expect(removeImage(store, image, { inUse: (id) => engine.imageUser(id) })).rejects.toThrow(`container ${Id.slice(0, 12)} is using its referenced image`);
    expect(await removeImage(store, image, { force: true, inUse: (id) => engine.imageUser(id) })).toEqual([{ Untagged: expect.stringContaining('busybox:test') }]);
    await store.collectGarbage(() => reachableContent(store));

    await engine.start(Id);
    expect(await engine.wait(Id)).toMatchObject({ StatusCode: 0 });
    expect(await logText(engine, Id)).toBe('still here\n');
    // Once no container uses it, the image kept under its id goes like any other.
    await engine.remove(Id);
    expect(await removeImage(store, imageId, { inUse: (id) => engine.imageUser(id) })).toContainEqual({ Deleted: imageId });
  });
});
