import { createHash, randomBytes } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Parser, type ReadEntry } from 'tar';
import { expect, test } from 'vitest';
import { describeAsRoot } from '../../harness/root.js';
import { useBuildServer } from './build-fixture.js';

/** Every member of a tar, gzip members unpacked: what `docker save` gives of an image's layers and configs. */
async function savedMembers(tar: Buffer): Promise<Map<string, Buffer>> {
  const members = new Map<string, Buffer>();
  const parser = new Parser();
  parser.on('entry', (entry: ReadEntry) => {
    const pieces: Buffer[] = [];
    entry.on('data', (piece: Buffer) => pieces.push(piece));
    entry.on('end', () => {
      const body = Buffer.concat(pieces);
      members.set(entry.path, body.length >= 2 && body[0] === 0x1f && body[1] === 0x8b ? gunzipSync(body) : body);
    });
  });
  await new Promise<void>((resolve, reject) => {
    parser.on('error', reject);
    parser.on('close', () => resolve());
    parser.end(tar);
  });
  return members;
}

/** The regular files under `root` whose bytes contain `needle`. */
function filesHolding(root: string, needle: string): string[] {
  const found: string[] = [];
  const visit = (path: string): void => {
    const stats = lstatSync(path, { throwIfNoEntry: false });
    if (!stats) return;
    if (stats.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
    else if (stats.isFile() && stats.size < 64 * 1024 * 1024) {
      try {
        if (readFileSync(path).includes(needle)) found.push(path);
      } catch {
        // A file that went while we looked.
      }
    }
  };
  visit(root);
  return found;
}

describeAsRoot('build secrets (X-Berth-Build-Secrets, RUN --mount=type=secret)', () => {
  const fixture = useBuildServer();

  test('a RUN reads the secret, yet no layer, config, history line, log line or file of the engine holds it', async () => {
    const secret = `berth-secret-${randomBytes(12).toString('hex')}`;
    const digest = createHash('sha256').update(secret).digest('hex');
    const base = await fixture.base();
    const directory = fixture.project({
      Dockerfile: [
        `FROM ${base}`,
        "RUN --mount=type=secret,id=token sha256sum /run/secrets/token | cut -d ' ' -f 1 > /token.sha256 && wc -c < /run/secrets/token > /token.length",
        "RUN --mount=type=secret,id=token,env=TOKEN printf %s \"$TOKEN\" | sha256sum | cut -d ' ' -f 1 > /env.sha256",
        'RUN cat /run/secrets/token 2>/dev/null | wc -c > /later.length; echo "later sees [$TOKEN]"',
        'CMD ["sh", "-c", "cat /token.sha256 /token.length /env.sha256 /later.length"]',
        '',
      ].join('\n'),
    });
    const built = await fixture.rawBuild(directory, { query: { t: 'secret-image:1' }, secrets: { token: secret } });
    expect(built.error, built.output).toBeUndefined();
    expect(built.output).toMatch(/Successfully tagged secret-image:1/);
    expect(built.output).toMatch(/later sees \[\]/);
    expect(built.body).not.toContain(secret);
    expect(fixture.server.logged.join('\n')).not.toContain(secret);

    // The RUNs had it: the first as a file, the second in its environment; the third had neither.
    expect((await fixture.run('secret-image:1')).log.split(/\s+/).filter((word) => word !== '')).toEqual([digest, String(secret.length), digest, '0']);

    const inspected = await fixture.docker('image', 'inspect', 'secret-image:1');
    expect(inspected.exitCode).toBe(0);
    expect(inspected.stdout).not.toContain(secret);
    const history = await fixture.docker('history', '--no-trunc', 'secret-image:1');
    expect(history.exitCode).toBe(0);
    expect(history.stdout).toMatch(/--mount=type=secret|sha256sum \/run\/secrets\/token/);
    expect(history.stdout).not.toContain(secret);

    const saved = join(fixture.scratch(), 'image.tar');
    const save = await fixture.docker('save', '-o', saved, 'secret-image:1');
    expect(save.exitCode, save.stderr).toBe(0);
    const members = await savedMembers(readFileSync(saved));
    // The search reaches into the layers: the digest the RUN wrote is found there.
    expect([...members].filter(([, body]) => body.includes(digest)).length).toBeGreaterThan(0);
    expect([...members].filter(([, body]) => body.includes(secret)).map(([name]) => name)).toEqual([]);

    expect(filesHolding(fixture.server.engine.root, digest).length).toBeGreaterThan(0);
    expect(filesHolding(fixture.server.engine.root, secret)).toEqual([]);
    // Nor as it was sent (base64 in the header).
    const sent = Buffer.from(secret).toString('base64');
    expect(fixture.server.logged.join('\n')).not.toContain(sent);
    expect(filesHolding(fixture.server.engine.root, sent)).toEqual([]);
  });

  test('a rebuild with another secret value takes the RUN from the cache: the value is no part of the key', async () => {
    const base = await fixture.base();
    const directory = fixture.project({ Dockerfile: `FROM ${base}\nRUN --mount=type=secret,id=token wc -c < /run/secrets/token > /length\n` });
    const first = await fixture.rawBuild(directory, { query: { t: 'secret-cache:1' }, secrets: { token: 'first-value' } });
    expect(first.error, first.output).toBeUndefined();
    const second = await fixture.rawBuild(directory, { query: { t: 'secret-cache:2' }, secrets: { token: 'the-second-value' } });
    expect(second.error, second.output).toBeUndefined();
    expect(second.output).toMatch(/ ---> Using cache/);
    expect(second.id).toBe(first.id);
  });

  test('a required secret that was not sent fails the build naming the line', async () => {
    const base = await fixture.base();
    const directory = fixture.project({ Dockerfile: `FROM ${base}\nRUN echo before\nRUN --mount=type=secret,id=token,required cat /run/secrets/token\n` });
    const built = await fixture.rawBuild(directory, { query: { t: 'secret-required:1' } });
    expect(built.error).toMatch(/Dockerfile:3: secret token not found/);
    expect((await fixture.docker('image', 'inspect', 'secret-required:1')).exitCode).not.toBe(0);
  });

  test('an optional secret that was not sent leaves the RUN without the file', async () => {
    const base = await fixture.base();
    const directory = fixture.project({ Dockerfile: `FROM ${base}\nRUN --mount=type=secret,id=token if [ -e /run/secrets/token ]; then echo present; else echo absent; fi > /state\n` });
    const built = await fixture.rawBuild(directory, { query: { t: 'secret-optional:1' } });
    expect(built.error, built.output).toBeUndefined();
    expect((await fixture.run('secret-optional:1', ['cat', '/state'])).log).toBe('absent\n');
  });

  test('a secret mounted at a target of the step\'s choosing is read there', async () => {
    const base = await fixture.base();
    const directory = fixture.project({ Dockerfile: `FROM ${base}\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc wc -c < /root/.npmrc > /length\n` });
    const built = await fixture.rawBuild(directory, { query: { t: 'secret-target:1' }, secrets: { npmrc: 'registry=x\n' } });
    expect(built.error, built.output).toBeUndefined();
    expect((await fixture.run('secret-target:1', ['sh', '-c', 'cat /length; cat /root/.npmrc 2>/dev/null | wc -c'])).log.split(/\s+/).filter(Boolean)).toEqual(['11', '0']);
  });
});
