/**
 * Engine-side names of a project's resources (DESIGN.md section 2): containers
 * `<project>-<service>-<n>`, one-off containers `<project>-<service>-run-<12 hex>`, networks and
 * volumes `<project>_<key>` unless the compose file names them.
 */
import { randomBytes } from 'node:crypto';

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
