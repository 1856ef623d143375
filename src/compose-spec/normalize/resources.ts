import type { DocumentPath } from '../compose-error.js';
import type { BlkioConfig, DeviceMapping, DeviceRequest, UlimitsConfig } from '../model/index.js';
import { normalizeByteSize } from './byte-size.js';
import { stringMapping } from './mappings.js';
import { invalidValue } from './normalize-error.js';
import { isMapping, scalarText, sortedEntries, stringList, toNumber } from './values.js';

/** `ulimits`: a single number stays a number (both limits); a mapping keeps `soft` and `hard`. */
export function normalizeUlimits(raw: Record<string, unknown>): Record<string, UlimitsConfig> {
  return sortedEntries(
    Object.entries(raw).map(([name, value]): [string, UlimitsConfig] => {
      if (!isMapping(value)) return [name, toNumber(value)];
      return [name, { soft: toNumber(value.soft ?? 0), hard: toNumber(value.hard ?? 0) }];
    }),
  );
}

/**
 * Device requests (`gpus`, `deploy.resources.reservations.devices`): `count: all` is `-1`, and a
 * request naming neither a count nor device ids asks for all devices.
 */
export function deviceRequests(raw: unknown[], path: DocumentPath): DeviceRequest[] {
  return raw.map((entry, index) => {
    const request: Record<string, unknown> = isMapping(entry) ? { ...entry } : {};
    if (request.count === undefined && request.device_ids === undefined) request.count = 'all';
    if (request.count !== undefined) request.count = deviceCount(request.count, [...path, index, 'count']);
    for (const key of ['capabilities', 'device_ids']) if (request[key] !== undefined) request[key] = stringList(request[key]);
    if (request.options !== undefined) request.options = stringMapping(request.options);
    return request as DeviceRequest;
  });
}

function deviceCount(value: unknown, path: DocumentPath): number {
  if (typeof value === 'number') return value;
  const text = scalarText(value);
  if (text.toLowerCase() === 'all') return -1;
  if (/^[-+]?[0-9]+$/.test(text)) return Number(text);
  throw invalidValue(path, `invalid value ${JSON.stringify(text)}, the only value allowed is 'all' or a number`, "'all' or a number", 'write count: all, or the number of devices');
}

/** `gpus: all` is one request for every GPU. */
export function normalizeGpus(raw: unknown, path: DocumentPath): DeviceRequest[] {
  return Array.isArray(raw) ? deviceRequests(raw, path) : [{ count: -1 }];
}

/** `devices:` in long syntax: `host[:container[:permissions]]`, permissions `rwm` unless written. */
export function normalizeDevices(raw: unknown[], path: DocumentPath): DeviceMapping[] {
  return raw.map((entry, index) => {
    if (isMapping(entry)) return entry as unknown as DeviceMapping;
    const text = scalarText(entry);
    const parts = text.split(':');
    if (parts.length > 3) {
      throw invalidValue(
        [...path, index],
        `confusing device mapping, please use long syntax: ${text}`,
        'HOST_PATH[:CONTAINER_PATH[:PERMISSIONS]]',
        'write the device as {source, target, permissions}',
      );
    }
    const [source = '', target, permissions] = parts;
    return { source, target: target || source, permissions: permissions ?? 'rwm' };
  });
}

/** `blkio_config`: rates of throttled devices become byte counts. */
export function normalizeBlkio(raw: Record<string, unknown>, path: DocumentPath): BlkioConfig {
  const blkio: Record<string, unknown> = { ...raw };
  for (const key of ['device_read_bps', 'device_write_bps', 'device_read_iops', 'device_write_iops']) {
    const devices = blkio[key];
    if (!Array.isArray(devices)) continue;
    blkio[key] = devices.map((device, index) =>
      isMapping(device) ? { ...device, rate: normalizeByteSize(device.rate ?? 0, [...path, key, index, 'rate']) } : device,
    );
  }
  return blkio as BlkioConfig;
}
