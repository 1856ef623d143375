import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BerthError } from '../../errors/index.js';
import { writeFileAtomic } from '../../files/write-file-atomic.js';
import type { PublishedPort } from '../firewall/index.js';

/** One of a container's veth pairs: on which network, and the host end's name. */
export interface LinkedEndpoint {
  networkId: string;
  /** `veth` and 7 hex: what repair keeps and removal waits for. */
  hostVeth: string;
  /** eth0, eth1... inside. */
  interfaceName: string;
}

/**
 * What the service made on the host for one running container, beyond the network records: its
 * namespace, its veths, its published ports (with the host ports chosen, which a restarted daemon
 * publishes again). One file per container under `<run>/network/containers/`, written before the
 * namespace is made so repair after a crash knows what is the container's; it lives in the run
 * directory because what it describes (namespaces, veths, held ports) does not outlive a reboot.
 */
export interface ContainerLinks {
  containerId: string;
  /** False for `network_mode: host`: no namespace of its own. */
  namespace: boolean;
  endpoints: LinkedEndpoint[];
  /** The network whose bridge carries the published ports, and the ports as published. */
  ports?: { networkId: string; published: PublishedPort[] };
  /** Exposed and bound ports, for inspect's Ports. */
  exposedPorts: string[];
  /** The container's own DNS servers (HostConfig.Dns), which the resolver forwards its questions to. */
  dns?: string[];
}

/** The files of the containers' links: one directory, an atomic file each. */
export class ContainerLinksFiles {
  private constructor(private readonly directory: string) {}

  static open(runDirectory: string): ContainerLinksFiles {
    const directory = join(runDirectory, 'network', 'containers');
    mkdirSync(directory, { recursive: true, mode: 0o700 });
    return new ContainerLinksFiles(directory);
  }

  /** Every container's links; temporary files a killed write left are deleted. */
  readAll(): ContainerLinks[] {
    const found: ContainerLinks[] = [];
    for (const entry of readdirSync(this.directory).sort()) {
      const path = join(this.directory, entry);
      if (entry.startsWith('.') && entry.endsWith('.tmp')) rmSync(path, { force: true });
      else if (entry.endsWith('.json')) found.push(JSON.parse(readFileSync(path, 'utf8')) as ContainerLinks);
    }
    return found;
  }

  write(links: ContainerLinks): void {
    writeFileAtomic(this.path(links.containerId), `${JSON.stringify(links)}\n`, 0o600);
  }

  remove(containerId: string): void {
    rmSync(this.path(containerId), { force: true });
  }

  private path(containerId: string): string {
    if (!/^[0-9a-f]{64}$/.test(containerId)) {
      throw new BerthError({ code: 'NETWORK_CONTAINER_ID_INVALID', kind: 'internal', message: `${JSON.stringify(containerId)} is not a container id`, hint: 'this is a bug in berth: the engine names containers by 64 hex digits' });
    }
    return join(this.directory, `${containerId}.json`);
  }
}
