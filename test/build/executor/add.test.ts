import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { c as createTar } from 'tar';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { describeAsRoot } from '../../harness/root.js';
import { cacheReport, useBuildServer } from './build-fixture.js';

describeAsRoot('ADD', () => {
  const fixture = useBuildServer();

  /** A small web server on 127.0.0.1: each path answers the body set for it, or 404. */
  const served = new Map<string, string | Buffer>();
  let server: Server;
  let origin: string;
  beforeAll(async () => {
    server = createServer((request, response) => {
      const body = served.get(request.url ?? '');
      if (body === undefined) response.writeHead(404).end('not here');
      else response.writeHead(200, { 'content-type': 'text/plain', 'last-modified': 'Tue, 02 Jan 2024 03:04:05 GMT' }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  async function archived(directory: string, name: string, gzip: boolean): Promise<void> {
    await createTar({ file: join(directory, name), cwd: join(directory, 'bundle'), gzip, portable: true }, ['pkg']);
  }

  test('ADD of a local .tar.gz or .tar unpacks it into the destination; COPY of the same file does not', async () => {
    const base = await fixture.base();
    const directory = fixture.project({
      Dockerfile: `FROM ${base}\nADD bundle.tar.gz /opt/\nADD bundle.tar /plain/\nCOPY bundle.tar.gz /copied/\n`,
      'bundle/pkg/README': 'readme\n',
      'bundle/pkg/bin/tool': { content: '#!/bin/sh\necho tool ran\n', mode: 0o755 },
      '.dockerignore': 'bundle\n',
    });
    await archived(directory, 'bundle.tar.gz', true);
    await archived(directory, 'bundle.tar', false);
    const built = await fixture.build(directory, '-t', 'add-archive:1');
    expect(built.exitCode, built.stderr + built.stdout).toBe(0);
    const { log } = await fixture.run('add-archive:1', ['sh', '-c', 'cat /opt/pkg/README /plain/pkg/README; /opt/pkg/bin/tool; ls /copied']);
    expect(log).toBe('readme\nreadme\ntool ran\nbundle.tar.gz\n');
  });

  test('ADD of a URL is fetched by the daemon, even when RUN steps have no network, and lands with mode 600', async () => {
    served.set('/files/hello.txt', 'hello from the web\n');
    const base = await fixture.base();
    const directory = fixture.project({ Dockerfile: `FROM ${base}\nADD ${origin}/files/hello.txt /downloaded/\nADD ${origin}/files/hello.txt /named.txt\n` });
    const built = await fixture.build(directory, '--network', 'none', '-t', 'add-url:1');
    expect(built.exitCode, built.stderr + built.stdout).toBe(0);
    const { log } = await fixture.run('add-url:1', ['sh', '-c', 'cat /downloaded/hello.txt /named.txt; stat -c %a /named.txt']);
    expect(log).toBe('hello from the web\nhello from the web\n600\n');
  });

  test('ADD of a URL whose content changed runs again; the same content is taken from the cache', async () => {
    served.set('/files/changing.txt', 'version 1\n');
    const base = await fixture.base();
    const directory = fixture.project({ Dockerfile: `FROM ${base}\nADD ${origin}/files/changing.txt /changing.txt\n` });
    const first = await fixture.build(directory, '-t', 'add-url-cache:1');
    expect(first.exitCode, first.stderr + first.stdout).toBe(0);
    const same = await fixture.build(directory, '-t', 'add-url-cache:2');
    expect(cacheReport(same.stdout)).toEqual([`ADD ${origin}/files/changing.txt /changing.txt: cached`]);

    served.set('/files/changing.txt', 'version 2\n');
    const changed = await fixture.build(directory, '-t', 'add-url-cache:3');
    expect(changed.exitCode, changed.stderr + changed.stdout).toBe(0);
    expect(cacheReport(changed.stdout)).toEqual([`ADD ${origin}/files/changing.txt /changing.txt: built`]);
    expect((await fixture.run('add-url-cache:3', ['cat', '/changing.txt'])).log).toBe('version 2\n');
  });

  test('ADD of a remote archive keeps it as a file', async () => {
    const base = await fixture.base();
    const directory = fixture.project({ Dockerfile: `FROM ${base}\nADD ${origin}/files/remote.tar.gz /remote/\n`, 'bundle/pkg/README': 'readme\n' });
    await archived(directory, 'remote.tar.gz', true);
    served.set('/files/remote.tar.gz', readFileSync(join(directory, 'remote.tar.gz')));
    const built = await fixture.build(directory, '-t', 'add-url-archive:1');
    expect(built.exitCode, built.stderr + built.stdout).toBe(0);
    expect((await fixture.run('add-url-archive:1', ['sh', '-c', 'ls /remote; gzip -dc /remote/remote.tar.gz | tar -tf -'])).log).toBe('remote.tar.gz\npkg/\npkg/README\n');
  });

  test('ADD of a URL that answers 404 fails naming the URL and the status', async () => {
    const base = await fixture.base();
    const directory = fixture.project({ Dockerfile: `FROM ${base}\nADD ${origin}/files/missing.txt /missing.txt\n` });
    const built = await fixture.build(directory, '-t', 'add-url-missing:1');
    expect(built.exitCode).not.toBe(0);
    expect(built.stderr).toContain(`${origin}/files/missing.txt`);
    expect(built.stderr).toContain('404');
  });
});
