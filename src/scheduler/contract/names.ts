/**
 * Engine-side names of a project's resources (DESIGN.md section 2): containers
 * `<project>-<service>-<n>`, one-off containers `<project>-<service>-run-<12 hex>`, networks and
 * volumes `<project>_<key>` unless the compose file names them.
 */
import { randomBytes } from 'node:crypto';
import type { Project } from '../../compose-spec/index.js';

export function containerName(project: string, service: string, number: number): string {
  return `${project}-${service}-${number}`;
}

export function oneOffContainerName(project: string, service: string): string {
  return `${project}-${service}-run-${randomBytes(6).toString('hex')}`;
}

/** The name a container list entry or inspect gives, without Docker's leading slash. */
export function bareName(name: string): string {
  return name.startsWith('/') ? name.slice(1) : name;
}

/** A top-level network's engine name: its `name:` (the loader sets one), else `<project>_<key>`. */
export function networkName(project: Pick<Project, 'name' | 'networks'>, key: string): string {
  return project.networks?.[key]?.name ?? `${project.name}_${key}`;
}

/** A top-level volume's engine name: its `name:` (the loader sets one), else `<project>_<key>`. */
export function volumeName(project: Pick<Project, 'name' | 'volumes'>, key: string): string {
  return project.volumes?.[key]?.name ?? `${project.name}_${key}`;
}
