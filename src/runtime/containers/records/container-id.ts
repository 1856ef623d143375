import { randomBytes } from 'node:crypto';

/**
 * A new container id: 64 random hex digits whose 12-digit short form is not all digits, as Docker
 * makes them (an all-digit short id reads as a number where a host name is expected).
 */
export function newContainerId(): string {
  for (;;) {
    const id = randomBytes(32).toString('hex');
    if (!/^\d{12}/.test(id)) return id;
  }
}
