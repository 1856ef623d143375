import type { Project } from '../model/index.js';
import { compareBytes } from './natural-order.js';

/*
 * What `berth config --services|--volumes|--networks|--images` prints, one name per line.
 * Compose walks Go maps for some of these, so its order can vary between runs; berth prints
 * the same names in a fixed order.
 */

/**
 * Service names, each after the services it depends on (`docker compose config --services`
 * walks the sorted names and visits dependencies first). Dependencies that are not in the
 * project (optional ones, or services left out by profiles) are skipped.
 */
export function serviceNamesInDependencyOrder(project: Pick<Project, 'services'>): string[] {
  const ordered: string[] = [];
  const seen = new Set<string>();
  const visit = (name: string): void => {
    if (seen.has(name) || !project.services[name]) return;
    seen.add(name);
    const dependencies = Object.keys(project.services[name]!.depends_on ?? {}).sort(compareBytes);
    dependencies.forEach(visit);
    ordered.push(name);
  };
  Object.keys(project.services).sort(compareBytes).forEach(visit);
  return ordered;
}

/** Top-level volume keys, sorted. */
export function volumeNames(project: Pick<Project, 'volumes'>): string[] {
  return Object.keys(project.volumes ?? {}).sort(compareBytes);
}

/** Top-level network keys, sorted (including the implicit `default` when a service uses it). */
export function networkNames(project: Pick<Project, 'networks'>): string[] {
  return Object.keys(project.networks ?? {}).sort(compareBytes);
}

/**
 * Each service's image, by service name; a service that only builds gets the name Compose tags
 * its build with: `<project>-<service>`.
 */
export function imageNames(project: Pick<Project, 'name' | 'services'>): string[] {
  return Object.keys(project.services).sort(compareBytes).map((name) => defaultImageName(project.name, name, project.services[name]!.image));
}

export function defaultImageName(projectName: string, serviceName: string, image: string | undefined): string {
  return image !== undefined && image !== '' ? image : `${projectName}-${serviceName}`;
}
