import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect, it } from 'vitest';
import { startBerthEngine, type BerthTestEngine } from '../harness/berth-engine.js';
import { ensureBusyboxImage } from '../harness/fixture-images.js';
import { describeAsRoot } from '../harness/root.js';
import { waitUntil } from '../helpers/wait-until.js';
import { processRuns } from './engine-calls.js';
import { inspect, killDaemonWhen, listContainers, networkNames, pings } from './faults-daemon.js';
import { containersOnDisk, leftovers, mountedRoots, noLeftovers, toolsOf, unrecordedContainers, type DiskContainer } from './faults-host-state.js';
import { expectDone, faultsProject, faultsServices } from './faults-project.js';

/**
 * The daemon killed with SIGKILL in the middle of `berth up -d` (issue 7, Faults): what started
 * keeps running, the next daemon adopts it, the next `up` converges without duplicates, and after
 * `down` nothing of the project is left on the host.
 */
describeAsRoot('SIGKILL of the daemon in the middle of berth up', () => {
  interface Moment {
    name: string;
    /** Whether to kill now, from the daemon's child processes (argv each) and the engine's files. */
    now(children: string[][], engine: BerthTestEngine): boolean;
    /** What the crash left for the next daemon, as its files say: the moment was caught. */
    left: string;
    leftOnDisk(containers: DiskContainer[], engine: BerthTestEngine): boolean;
  }
  const command = (argv: string[]): string => argv[0]?.split('/').pop() ?? '';
  const moments: Moment[] = [
    {
      name: 'while it creates the first network',
      now: (children) => children.some((argv) => ['ip', 'iptables-restore', 'iptables-save'].includes(command(argv))),
      left: 'no container yet',
      leftOnDisk: (containers, engine) => containers.length === 0 && unrecordedContainers(engine).length === 0,
    },
    {
      // db's volume is filled from the image's /usr/bin: its root is mounted for that before its record exists.
      name: "while it fills a new container's volume from the image",
      now: (_, engine) => mountedRoots(engine).some((root) => !existsSync(join(dirname(dirname(root)), 'container.json'))),
      left: 'a container directory without a record',
      leftOnDisk: (_, engine) => unrecordedContainers(engine).length > 0,
    },
    {
      name: 'while conmon creates a container',
      now: (children) => children.some((argv) => command(argv) === 'conmon'),
      left: "a container made by runc but not started, its record saying created",
      leftOnDisk: (containers) => containers.some((container) => container.pid !== undefined && !container.started && !container.running),
    },
    {
      name: 'while runc starts a container',
      now: (children) => children.some((argv) => command(argv) === 'runc' && argv.includes('start')),
      left: 'a started container whose record does not say so yet',
      leftOnDisk: (containers) => containers.some((container) => container.started && !container.running),
    },
    {
      name: 'once the first container runs',
      now: (_, engine) => containersOnDisk(engine).some((container) => container.running),
      left: 'a running container',
      leftOnDisk: (containers) => containers.some((container) => container.started && container.running),
    },
  ];

  for (const [index, moment] of moments.entries()) {
    it(`killed ${moment.name}: the started containers run on, are adopted, and the next up converges; down leaves nothing`, async () => {
      const engine = await startBerthEngine();
      try {
        await ensureBusyboxImage(engine);
        const project = faultsProject(engine, `faults-${index}`);
        const up = project.start('up', '-d');
        await killDaemonWhen(engine, moment.now, up.exited);
        const interrupted = await up.exited;
        expect(interrupted.status, `up went on without its engine:\n${interrupted.stderr}`).not.toBe(0);

        // The runc commands the daemon ran finish without it; what they made is what the next daemon finds.
        await waitUntil(() => toolsOf(engine, ['runc']).length === 0, 'the runc commands of the killed daemon to finish');
        // A container runc just started may take a moment to exec its command.
        const onDisk = await waitUntil(() => {
          const found = containersOnDisk(engine);
          return moment.leftOnDisk(found, engine) && found;
        }, `the crash to have left ${moment.left}`, 3_000);
        // What started keeps running: the container's init and its conmon.
        const started = onDisk.filter((container) => container.started);
        for (const container of started) expect(container.conmon, `${container.name}'s conmon`).toBeDefined();

        await engine.restartDaemon();
        expect(unrecordedContainers(engine), 'directories of creates the crash cut short').toEqual([]);
        // Adopted: listed as running with the same process.
        for (const container of started) {
          expect((await inspect(engine, container.id)).State, container.name).toMatchObject({ Running: true, Pid: container.pid });
        }

        expectDone(await project.berth('up', '-d'), 'berth up -d after the crash');
        const containers = await listContainers(engine);
        expect(containers.map((container) => `${container.Names[0]} ${container.State}`)).toEqual(faultsServices.map((service) => `/${project.name}-${service}-1 running`));
        for (const container of started) expect((await inspect(engine, container.id)).State.Pid, `${container.name} kept`).toBe(container.pid);
        expect(await networkNames(engine)).toEqual(['bridge', 'host', 'none', `${project.name}_back`, `${project.name}_default`].sort());
        // Adopted containers kept their networks: service names resolve and answer, on both networks.
        for (const [from, to] of [['cache', 'db'], ['web', 'api'], ['worker', 'api']] as const) {
          expect(await pings(engine, `${project.name}-${from}-1`, to), `${from} pings ${to}`).toBe(true);
        }

        // What down must take away is there to be seen, so the check after it can fail.
        const held = leftovers(engine);
        for (const kind of Object.keys(held) as (keyof typeof held)[]) expect(held[kind].length, `${kind} of the running project`).toBeGreaterThan(0);

        expectDone(await project.berth('down', '--volumes'), 'berth down after the crash');
        expect(await listContainers(engine)).toEqual([]);
        expect(await networkNames(engine)).toEqual(['bridge', 'host', 'none']);
        expect(leftovers(engine)).toEqual(noLeftovers);
        for (const container of started) expect(processRuns(container.pid!), `${container.name}'s process`).toBe(false);
      } finally {
        await engine.stop();
      }
    }, 150_000);
  }
});

