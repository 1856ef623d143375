import { readFileSync } from 'node:fs';

/** The version in package.json, read once when asked for (dist/ and src/ both sit one level below it). */
export function berthVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return manifest.version;
}
