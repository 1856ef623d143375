import { get } from 'node:http';
import { expect, it } from 'vitest';
import { describeAsRoot } from '../harness/root.js';
import { useDockerCli } from './docker-cli-fixture.js';

/** `docker run -d -p` on berth's daemon: the published port answers from the host, and port, ps and inspect show the mapping. */
describeAsRoot('published ports with the docker CLI on berth daemon', () => {
  const { docker, removeAfterTest } = useDockerCli();

  /** busybox httpd serving one file on container port 8080, published on a loopback port the engine picks. */
  async function runWebServer(name: string): Promise<number> {
    removeAfterTest('container', name);
    const script = 'echo served-by-busybox > /tmp/index.html; exec httpd -f -p 8080 -h /tmp';
    const started = await docker(['run', '-d', '--name', name, '-p', '127.0.0.1::8080', 'busybox', 'sh', '-c', script]);
    expect(started.exitCode, started.stderr).toBe(0);
    const port = /^127\.0\.0\.1:(\d+)\n$/.exec((await docker(['port', name, '8080'])).stdout)?.[1];
    expect(port, `docker port ${name} 8080`).toBeDefined();
    return Number(port);
  }

  it('a published port answers from the host', async () => {
    const port = await runWebServer('web-answers');
    expect(await fetchUntilServed(`http://127.0.0.1:${port}/index.html`)).toBe('served-by-busybox\n');
  });

  it('port lists the mapping as dockerd does', async () => {
    const port = await runWebServer('web-port');
    expect(await docker(['port', 'web-port'])).toEqual({ stdout: `8080/tcp -> 127.0.0.1:${port}\n`, stderr: '', exitCode: 0 });
  });

  it('ps shows the published port in its PORTS column', async () => {
    const port = await runWebServer('web-ps');
    expect((await docker(['ps', '--format', '{{.Ports}}'])).stdout).toBe(`127.0.0.1:${port}->8080/tcp\n`);
  });

  it('inspect shows the binding in NetworkSettings.Ports and the request in HostConfig.PortBindings', async () => {
    const port = await runWebServer('web-inspect');
    const ports = JSON.parse((await docker(['inspect', '--format', '{{json .NetworkSettings.Ports}}', 'web-inspect'])).stdout) as unknown;
    expect(ports).toEqual({ '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: String(port) }] });
    const requested = JSON.parse((await docker(['inspect', '--format', '{{json .HostConfig.PortBindings}}', 'web-inspect'])).stdout) as unknown;
    expect(requested).toEqual({ '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] });
  });

  it('a stopped container no longer publishes its port', async () => {
    const port = await runWebServer('web-stopped');
    await fetchUntilServed(`http://127.0.0.1:${port}/index.html`);
    await docker(['stop', '--timeout', '1', 'web-stopped']);
    expect(await docker(['port', 'web-stopped'])).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    await expect(fetchOnce(`http://127.0.0.1:${port}/index.html`)).rejects.toThrow(/ECONNREFUSED|ECONNRESET|socket hang up/);
  });
});

/** GETs the URL until it answers 200: httpd starts listening a moment after the container starts. */
async function fetchUntilServed(url: string): Promise<string> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      return await fetchOnce(url);
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

function fetchOnce(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = get(url, { agent: false, timeout: 2_000 }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (piece: string) => (body += piece));
      response.on('end', () => (response.statusCode === 200 ? resolve(body) : reject(new Error(`${url} answered ${response.statusCode}: ${body}`))));
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error(`${url} did not answer within 2 s`)));
    request.on('error', reject);
  });
}
