import { EngineClient } from '../../src/api/index.js';
import { pingAnswers } from '../../src/daemon/auto-start/engine-ping.js';
import { startBuiltInEngine } from '../../src/daemon/auto-start/start-engine.js';
import { daemonDefaults } from '../../src/daemon/config/index.js';

const berth = new URL('../../bin/berth.js', import.meta.url).pathname;

/**
 * Makes sure berth's engine answers on its socket and can get `images`: an engine that has them
 * all is fine as it is; one that lacks some must have `mirror` as its Docker Hub mirror. When
 * nothing answers, starts `berth daemon --registry-mirror MIRROR` in the background (the engine
 * keeps running after the demo, as a `berth up` that starts it does).
 */
export async function ensureDemoEngine(images: readonly string[], mirror: string | undefined): Promise<string> {
  const { socketPath, pidfile, configFile } = daemonDefaults(process.env);
  if (!(await pingAnswers(socketPath))) return startEngine(mirror);
  if (!mirror) return `berth's engine is running on ${socketPath}`;
  const client = await EngineClient.connect({ kind: 'unix', socketPath });
  try {
    const missing = [];
    for (const image of images) if (!(await client.images.inspect(image).then(() => true, () => false))) missing.push(image);
    const mirrors = (await client.info()).RegistryConfig?.Mirrors ?? [];
    if (missing.length > 0 && !mirrors.some((entry) => entry.replace(/\/$/, '') === mirror)) {
      throw new Error(
        `berth's engine on ${socketPath} is running without ${mirror} as its Docker Hub mirror, and it lacks ${missing.join(', ')}, which this machine cannot pull from Docker Hub.\n` +
          `  fix: stop it (kill $(cat ${pidfile})) and run \`npm run demo\` again, which starts it with the mirror; or add "registry-mirrors": ["${mirror}"] to ${configFile} and restart it`,
      );
    }
    return `berth's engine is running on ${socketPath}`;
  } finally {
    client.close();
  }
}

async function startEngine(mirror: string | undefined): Promise<string> {
  const started = await startBuiltInEngine(process.env, { entry: berth, flags: mirror ? ['--registry-mirror', mirror] : [] });
  return `started berth's engine (pid ${started.pid}${mirror ? `, Docker Hub mirror ${mirror}` : ''}); its log is ${started.logFile}`;
}
