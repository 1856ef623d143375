import { expect, it } from 'vitest';
import { pushFixture } from '../harness/fixtures/index.js';
import { describeAsRoot } from '../harness/root.js';
import { useDockerCli } from './docker-cli-fixture.js';

/** `docker images` and `docker pull` from the test registry on berth's daemon. */
describeAsRoot('docker images and pull on berth daemon', () => {
  const { registry, docker, removeAfterTest } = useDockerCli();

  it('images lists busybox, pulled through the mirror, as Docker Hub\'s', async () => {
    const result = await docker(['images', '--format', '{{.Repository}}:{{.Tag}} {{.Size}}']);
    expect(result).toMatchObject({ stderr: '', exitCode: 0 });
    expect(result.stdout).toMatch(/^busybox:latest \d+(\.\d+)?MB\n$/);
  });

  it('pull from the registry prints the digest and the status, and images then lists the image', async () => {
    const pushed = await pushFixture(registry(), 'busybox', 'pull/fresh:1');
    removeAfterTest('image', pushed.reference);
    const result = await docker(['pull', pushed.reference]);
    expect(result).toMatchObject({ stderr: '', exitCode: 0 });
    expect(result.stdout).toMatch(/^1: Pulling from pull\/fresh\n/);
    expect(result.stdout).toContain(`\nDigest: ${pushed.digest}\nStatus: Downloaded newer image for ${pushed.reference}\n${pushed.reference}\n`);
    const id = (await docker(['inspect', '--format', '{{.Id}}', 'busybox'])).stdout.trim();
    const listed = await docker(['images', '--format', '{{.Repository}}:{{.Tag}} {{.ID}}', `${registry().host}/pull/fresh`]);
    // The fixture is busybox: the same image, under a second name.
    expect(listed.stdout).toBe(`${pushed.reference} ${id.slice('sha256:'.length, 'sha256:'.length + 12)}\n`);
  });

  it('a second pull of the same tag says the image is up to date', async () => {
    const pushed = await pushFixture(registry(), 'busybox', 'pull/again:1');
    removeAfterTest('image', pushed.reference);
    await docker(['pull', '--quiet', pushed.reference]);
    const result = await docker(['pull', pushed.reference]);
    expect(result.stdout).toContain(`\nStatus: Image is up to date for ${pushed.reference}\n`);
  });

  it('pull by digest names the image by its digest', async () => {
    const pushed = await pushFixture(registry(), 'busybox', 'pull/digest:1');
    const byDigest = `${registry().host}/pull/digest@${pushed.digest}`;
    removeAfterTest('image', byDigest);
    expect(await docker(['pull', '--quiet', byDigest])).toEqual({ stdout: `${byDigest}\n`, stderr: '', exitCode: 0 });
    expect((await docker(['images', '--digests', '--format', '{{.Repository}} {{.Tag}} {{.Digest}}', `${registry().host}/pull/digest`])).stdout).toBe(`${registry().host}/pull/digest <none> ${pushed.digest}\n`);
  });

  it('pull of a tag the registry lacks fails with the registry\'s reason, as dockerd words it', async () => {
    const reference = `${registry().host}/pull/missing:1`;
    expect(await docker(['pull', reference])).toEqual({ stdout: '', stderr: `Error response from daemon: manifest for ${reference} not found: manifest unknown: manifest unknown\n`, exitCode: 1 });
  });

  it('rmi of a pulled tag untags it and keeps the image busybox still names', async () => {
    const pushed = await pushFixture(registry(), 'busybox', 'pull/removed:1');
    removeAfterTest('image', pushed.reference);
    await docker(['pull', '--quiet', pushed.reference]);
    const result = await docker(['rmi', pushed.reference]);
    expect(result).toMatchObject({ stderr: '', exitCode: 0 });
    expect(result.stdout).toMatch(new RegExp(`^Untagged: ${escape(pushed.reference)}\n`));
    expect((await docker(['images', '--quiet', `${registry().host}/pull/removed`])).stdout).toBe('');
    expect((await docker(['images', '--format', '{{.Repository}}:{{.Tag}}'])).stdout).toBe('busybox:latest\n');
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
