import type { DocumentPath } from '../compose-error.js';
import { invalidValue } from './normalize-error.js';
import { isMapping, scalarText, sortedEntries } from './values.js';

/**
 * Labels, annotations, sysctls, driver options: `key=value` entries or a mapping, as a mapping
 * of strings. `key` alone and `null` are the empty string.
 */
export function stringMapping(raw: unknown): Record<string, string> {
  const entries: Array<[string, string]> = [];
  if (Array.isArray(raw)) {
    for (const entry of raw) {
      const text = scalarText(entry);
      const equals = text.indexOf('=');
      entries.push(equals < 0 ? [text, ''] : [text.slice(0, equals), text.slice(equals + 1)]);
    }
  } else if (isMapping(raw)) {
    for (const [key, value] of Object.entries(raw)) entries.push([key, value === null || value === undefined ? '' : scalarText(value)]);
  }
  return sortedEntries(entries);
}

/**
 * `extra_hosts` as compose-go prints it: sorted `host=ip` entries, one per address. Entries may be
 * written `host=ip`, `host:ip` or `host: [ip, ...]`, addresses comma-separated, IPv6 in brackets.
 */
export function extraHosts(raw: unknown, path: DocumentPath): string[] {
  const hosts: Array<[string, string[]]> = [];
  if (Array.isArray(raw)) {
    raw.forEach((entry, index) => {
      const text = scalarText(entry);
      const separator = ['=', ':'].map((sign) => text.indexOf(sign)).find((at) => at >= 0);
      if (separator === undefined) {
        throw invalidValue(
          [...path, index],
          `invalid additional host, missing IP: ${text}`,
          'host=ip, such as "somehost=162.242.195.82"',
          'add the address after an equals sign',
        );
      }
      hosts.push([text.slice(0, separator), text.slice(separator + 1).split(',')]);
    });
  } else if (isMapping(raw)) {
    for (const [host, value] of Object.entries(raw)) {
      hosts.push([host, Array.isArray(value) ? value.map(scalarText) : [value === null || value === undefined ? '' : scalarText(value)]]);
    }
  }
  const lines: string[] = [];
  for (const [host, addresses] of hosts) {
    if (host === '' || /[:=]/.test(host)) {
      throw invalidValue(path, `bad host name '${host}'`, 'a host name without ":" or "="', 'write each entry as host=ip');
    }
    for (const address of addresses) lines.push(`${host}=${stripBrackets(address)}`);
  }
  return lines.sort();
}

function stripBrackets(address: string): string {
  return address.length > 2 && address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
}
