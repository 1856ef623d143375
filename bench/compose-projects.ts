// The projects bench/compose-stacks.ts times: generated busybox stacks, and copies of examples/.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { copyExample, examplesDirectory } from '../test/harness/example-copy.js';
import { exampleImages, type ExampleImage } from '../test/harness/example-images.js';
import { freePort, freePortRange } from '../test/helpers/free-port.js';

export interface BenchProject {
  /** `fan-5`, `chain-20`, `postgres-web`. */
  id: string;
  /** The folder holding compose.yaml (and, for an example, its files). */
  directory: string;
  /**
   * What a finished `up -d` leaves, per service: how many containers (deploy.replicas or scale),
   * and whether it is a one-shot job (another service waits for it with
   * `service_completed_successfully`), whose containers have exited 0 rather than run.
   */
  expected: Map<string, { replicas: number; oneShot: boolean }>;
  /** How many containers that is in all. */
  containers: number;
  /**
   * The variables the compose file reads for its published host ports (`WEB_PORT`), each with how
   * many consecutive ports it takes: 1, or the width of its default when that is a range
   * (`${COUNTER_PORTS:-8081-8085}`: 5).
   */
  ports: { variable: string; width: number }[];
  /** The Docker Hub images an example names (none for the generated stacks). */
  images: ExampleImage[];
}

/**
 * A stack of busybox `sleep` services with `init: true` (so stops are quick), one of two shapes:
 * fan (every service depends on db) or chain (each depends on the one before).
 */
export function generatedStack(workspace: string, shape: 'fan' | 'chain', count: number, image: string): BenchProject {
  const lines = ['services:'];
  for (let index = 0; index < count; index++) {
    const name = index === 0 ? 'db' : `svc${index}`;
    const dependency = shape === 'fan' || index === 1 ? 'db' : `svc${index - 1}`;
    lines.push(`  ${name}:`, `    image: ${image}`, '    command: ["sleep", "3600"]', '    init: true');
    if (index > 0) lines.push(`    depends_on: [${dependency}]`);
  }
  const id = `${shape}-${count}`;
  const directory = join(workspace, id);
  mkdirSync(directory);
  writeFileSync(join(directory, 'compose.yaml'), `${lines.join('\n')}\n`);
  const expected = new Map(Array.from({ length: count }, (_, index) => [index === 0 ? 'db' : `svc${index}`, { replicas: 1, oneShot: false }]));
  return { id, directory, expected, containers: count, ports: [], images: [] };
}

/** Why examples/<name> cannot be timed here, or undefined when it can. */
export function exampleProblem(name: string): string | undefined {
  const file = join(examplesDirectory, name, 'compose.yaml');
  if (!existsSync(file)) return `examples/${name}/compose.yaml does not exist`;
  const { images, unknown, built } = imagesOf(readFileSync(file, 'utf8'));
  if (built.length > 0) return `services ${built.join(', ')} build their image (this bench times pulled images only)`;
  if (unknown.length > 0) return `images ${unknown.join(', ')} are not in test/harness/example-images.ts (it makes the offline copies)`;
  if (images.length === 0) return 'it names no image';
  return undefined;
}

/** Copies examples/<name> with its node modules installed (copyExample) into `workspace`. Check exampleProblem() first. */
export function exampleCopy(workspace: string, name: string): BenchProject {
  const directory = join(workspace, name);
  copyExample(name, directory);
  const text = readFileSync(join(directory, 'compose.yaml'), 'utf8');
  const ports = new Map<string, number>();
  for (const [, variable, fallback] of text.matchAll(/\$\{(\w*PORT\w*)(?::?-([^}]*))?\}/g)) {
    const range = /^(\d+)-(\d+)$/.exec(fallback ?? '');
    ports.set(variable!, Math.max(ports.get(variable!) ?? 1, range ? Number(range[2]) - Number(range[1]) + 1 : 1));
  }
  const expected = expectedContainers(servicesOf(text));
  const containers = [...expected.values()].reduce((sum, service) => sum + service.replicas, 0);
  return { id: name, directory, expected, containers, ports: [...ports].sort().map(([variable, width]) => ({ variable, width })), images: imagesOf(text).images };
}

/** `width` consecutive TCP ports nothing on 127.0.0.1 listens on right now, as `PORT` or `FIRST-LAST`. */
export async function freePorts(width: number): Promise<string> {
  if (width === 1) return String(await freePort());
  const { first, last } = await freePortRange(width);
  return `${first}-${last}`;
}

type Services = Record<
  string,
  { image?: string; build?: unknown; profiles?: string[]; scale?: number; deploy?: { replicas?: number }; depends_on?: string[] | Record<string, { condition?: string }> }
>;

function expectedContainers(services: Services): BenchProject['expected'] {
  const awaited = new Set(
    Object.values(services).flatMap((service) =>
      Array.isArray(service.depends_on) ? [] : Object.entries(service.depends_on ?? {}).filter(([, when]) => when?.condition === 'service_completed_successfully').map(([name]) => name),
    ),
  );
  return new Map(Object.entries(services).map(([name, service]) => [name, { replicas: service.deploy?.replicas ?? service.scale ?? 1, oneShot: awaited.has(name) }]));
}

/** The services a plain `up` starts: those without profiles. */
function servicesOf(text: string): Services {
  const services = ((parse(text) as { services?: Services } | null)?.services ?? {}) as Services;
  return Object.fromEntries(Object.entries(services).filter(([, service]) => !service.profiles?.length));
}

function imagesOf(text: string): { images: ExampleImage[]; unknown: string[]; built: string[] } {
  const services = Object.entries(servicesOf(text));
  const named = [...new Set(services.flatMap(([, service]) => (service.image ? [service.image] : [])))].sort();
  return {
    images: named.filter((image): image is ExampleImage => Object.hasOwn(exampleImages, image)),
    unknown: named.filter((image) => !Object.hasOwn(exampleImages, image)),
    built: services.filter(([, service]) => service.build !== undefined).map(([name]) => name),
  };
}
