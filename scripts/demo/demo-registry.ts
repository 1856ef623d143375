import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { fileTail } from '../../src/files/file-tail.js';

/** Where the demo's registry keeps its config, storage and log: beside the fixture cache, so it outlives the checkout. */
const demoRegistryDirectory = process.env.BERTH_DEMO_REGISTRY_DIR ?? '/var/cache/berth/demo-registry';
/** A fixed address, so the engine's mirror setting stays right from one demo to the next. */
export const demoRegistryHost = process.env.BERTH_DEMO_REGISTRY ?? '127.0.0.1:5115';

const startTimeoutMs = 10_000;

/**
 * Debian's docker-registry serving the demo's images on `demoRegistryHost`, started in the
 * background when nothing answers there yet. It keeps running after the demo, as the engine that
 * pulls from it does; its storage survives, so a second demo pushes nothing.
 */
export async function ensureDemoRegistry(): Promise<void> {
  if (await serving()) return;
  mkdirSync(demoRegistryDirectory, { recursive: true });
  const config = join(demoRegistryDirectory, 'config.yml');
  writeFileSync(config, stringify({
    version: '0.1',
    log: { level: 'warn', formatter: 'text' },
    storage: { filesystem: { rootdirectory: join(demoRegistryDirectory, 'storage') } },
    http: { addr: demoRegistryHost, secret: 'berth-demo-registry' },
  }));
  const logPath = join(demoRegistryDirectory, 'registry.log');
  const log = openSync(logPath, 'a');
  // A session of its own, so the demo's terminal closing does not end it.
  const child = spawn('/usr/bin/docker-registry', ['serve', config], { detached: true, stdio: ['ignore', log, log] });
  closeSync(log);
  let spawnError: Error | undefined;
  child.once('error', (error) => (spawnError = error));
  child.unref();
  // For whoever stops it (the demo's test does; a user may: kill $(cat …/registry.pid)).
  if (child.pid !== undefined) writeFileSync(join(demoRegistryDirectory, 'registry.pid'), `${child.pid}\n`);
  const deadline = Date.now() + startTimeoutMs;
  while (!(await serving())) {
    if (spawnError) throw new Error(`cannot run /usr/bin/docker-registry: ${spawnError.message}\n  fix: install Debian's docker-registry with: bash scripts/setup.sh --demo`);
    if (Date.now() > deadline || child.exitCode !== null) {
      throw new Error(
        `docker-registry did not start on ${demoRegistryHost}; the end of ${logPath}:\n${fileTail(logPath, 10) ?? '  (no log)'}\n` +
          `  fix: what the log says; when another program holds the port, choose another with BERTH_DEMO_REGISTRY=127.0.0.1:PORT`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function serving(): Promise<boolean> {
  const answer = await fetch(`http://${demoRegistryHost}/v2/`, { signal: AbortSignal.timeout(1_000) }).catch(() => undefined);
  return answer?.status === 200;
}

/** The digest the registry serves for `repository:tag`, or undefined when it has none. */
export async function servedDigest(repository: string, tag: string): Promise<string | undefined> {
  const answer = await fetch(`http://${demoRegistryHost}/v2/${repository}/manifests/${tag}`, {
    method: 'HEAD',
    headers: { accept: 'application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json' },
  });
  return answer.ok ? (answer.headers.get('docker-content-digest') ?? undefined) : undefined;
}
