import { existsSync, readdirSync, readFileSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';
import { Firewall } from '../../src/network/firewall/index.js';
import { NetworkService } from '../../src/network/service/index.js';
import { ContainerEngine } from '../../src/runtime/containers/engine/index.js';
import { ContentStore } from '../../src/runtime/images/index.js';
import { berthEnginePrefix, ownerFile, readBerthEngineSetup, type BerthEngineSetup } from './berth-engine-setup.js';
import { signal } from './dockerd-process.js';
import { removeEngineDirectory } from './engine-directory.js';
import { killProcessesOf } from './engine-leftovers.js';
import { deleteBridge, listBridges } from './host-bridges.js';

/**
 * Removes everything a berth test daemon made, once it has exited (gracefully, killed, or never
 * started): its engine is opened in this process on the same directories, which re-adopts what
 * still runs, then every container is force-removed and the network side removed whole (networks,
 * the default bridge, the iptables chains, the namespace directory's mount). Whatever survives
 * that is killed; the cgroup parent and the directory go last. Returns what failed, for the caller
 * to report after every step has run.
 */
export async function tearDownBerthEngine(setup: BerthEngineSetup): Promise<string[]> {
  const problems: string[] = [];
  const attempt = async (step: () => unknown): Promise<void> => {
    try {
      await step();
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
    }
  };
  const { config } = setup;
  await attempt(async () => {
    const networks = await NetworkService.open({
      stateDirectory: setup.dataRoot,
      runDirectory: setup.execRoot,
      firewall: new Firewall({ chainPrefix: config['berth-chain-prefix'] }),
      pools: config['default-address-pools'],
      defaultBridge: config.bridge,
      dns: { upstreams: () => [] },
      report: () => undefined,
    });
    try {
      const engine = await ContainerEngine.open({
        stateDirectory: setup.dataRoot,
        runDirectory: setup.execRoot,
        images: new ContentStore(join(setup.dataRoot, 'images')),
        cgroupParent: config['cgroup-parent'],
        networks,
        onError: () => undefined,
      });
      try {
        for (const container of engine.list({ all: true })) await engine.remove(container.Id, { force: true, volumes: true });
      } finally {
        engine.close();
      }
    } finally {
      await networks.removeAll();
    }
  });
  // When the engine could not be opened: the rules and the default bridge at least.
  await attempt(() => new Firewall({ chainPrefix: config['berth-chain-prefix'] }).removeAll());
  await attempt(() => listBridges().has(config.bridge) && deleteBridge(config.bridge));
  await attempt(() => killProcessesOf(setup.directory));
  await attempt(() => removeCgroupParent(config['cgroup-parent']));
  await attempt(() => removeEngineDirectory(setup.directory));
  return problems;
}

/**
 * Cleans up after test processes that died without stopping their berth daemons: the daemon
 * (named by its pid file and running on the directory) is killed, then torn down as above.
 */
export async function removeAbandonedBerthEngines(): Promise<void> {
  for (const entry of readdirSync('/tmp', { withFileTypes: true })) {
    if (!entry.isDirectory() || !entry.name.startsWith(berthEnginePrefix)) continue;
    const directory = join('/tmp', entry.name);
    if (!ownerIsGone(directory) || !existsSync(join(directory, 'daemon.json'))) continue;
    const setup = readBerthEngineSetup(directory);
    const pid = Number(readIfPresent(setup.pidfile));
    if (Number.isInteger(pid) && pid > 0 && readIfPresent(`/proc/${pid}/cmdline`).includes(directory)) signal(pid, 'SIGKILL');
    await tearDownBerthEngine(setup);
  }
}

function ownerIsGone(directory: string): boolean {
  const pid = Number(readIfPresent(join(directory, ownerFile)));
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function removeCgroupParent(parent: string): void {
  for (const controller of readdirSync('/sys/fs/cgroup')) {
    const path = join('/sys/fs/cgroup', controller, parent);
    if (existsSync(path)) rmdirSync(path);
  }
  if (existsSync(join('/sys/fs/cgroup', parent))) rmdirSync(join('/sys/fs/cgroup', parent));
}

function readIfPresent(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return '';
  }
}
