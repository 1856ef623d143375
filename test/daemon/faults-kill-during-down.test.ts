import { expect, it } from 'vitest';
import { startBerthEngine, type BerthTestEngine } from '../harness/berth-engine.js';
import { ensureBusyboxImage } from '../harness/fixture-images.js';
import { describeAsRoot } from '../harness/root.js';
import { waitUntil } from '../helpers/wait-until.js';
import { killDaemonWhen, listContainers, networkNames, volumeNames } from './faults-daemon.js';
import { containersOnDisk, leftovers, noLeftovers, toolsOf } from './faults-host-state.js';
import { expectDone, faultsProject, faultsServices } from './faults-project.js';

/**
 * The daemon killed with SIGKILL in the middle of `berth down`: the next daemon finishes what was
 * half removed, the next `down` removes the rest, and nothing of the project is left on the host.
 */
describeAsRoot('SIGKILL of the daemon in the middle of berth down', () => {
  const command = (argv: string[]): string => argv[0]?.split('/').pop() ?? '';
  const moments: { name: string; now(children: string[][], engine: BerthTestEngine): boolean }[] = [
    { name: 'once the first container is removed', now: (_, engine) => containersOnDisk(engine).length < faultsServices.length },
    {
      name: 'while it removes a network',
      now: (children, engine) => containersOnDisk(engine).length === 0 && children.some((argv) => ['ip', 'iptables-restore', 'iptables-save'].includes(command(argv))),
    },
  ];

  for (const [index, moment] of moments.entries()) {
    it(`killed ${moment.name}: the next down removes the rest, and nothing is left`, async () => {
      const engine = await startBerthEngine();
      try {
        await ensureBusyboxImage(engine);
        const project = faultsProject(engine, `faults-down-${index}`);
        expectDone(await project.berth('up', '-d'), 'berth up -d');
        const down = project.start('down', '--volumes');
        await killDaemonWhen(engine, moment.now, down.exited);
        expect((await down.exited).status).not.toBe(0);
        await waitUntil(() => toolsOf(engine, ['runc']).length === 0, 'the runc commands of the killed daemon to finish');

        await engine.restartDaemon();
        expectDone(await project.berth('down', '--volumes'), 'berth down after the crash');
        expect(await listContainers(engine)).toEqual([]);
        expect(await networkNames(engine)).toEqual(['bridge', 'host', 'none']);
        expect(await volumeNames(engine)).toEqual([]);
        expect(leftovers(engine)).toEqual(noLeftovers);
      } finally {
        await engine.stop();
      }
    }, 150_000);
  }
});
