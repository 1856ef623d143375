import { usageError } from '../../errors/index.js';
import { parseIpv4Cidr, type AddressPool } from '../../network/ipam/index.js';

/** `--default-address-pool base=10.10.0.0/16,size=24`, as dockerd takes it. */
export function parseAddressPoolFlag(text: string): AddressPool {
  const fields: Record<string, string> = {};
  for (const field of text.split(',')) {
    const equals = field.indexOf('=');
    const key = equals < 0 ? field : field.slice(0, equals).trim().toLowerCase();
    if (equals < 0 || (key !== 'base' && key !== 'size')) {
      throw usageError(`--default-address-pool ${JSON.stringify(text)}: unexpected field ${JSON.stringify(field)}`, 'write it as base=CIDR,size=PREFIX, e.g. base=10.10.0.0/16,size=24');
    }
    fields[key] = field.slice(equals + 1).trim();
  }
  if (fields.base === undefined || fields.size === undefined) {
    throw usageError(`--default-address-pool ${JSON.stringify(text)}: both base and size are needed`, 'write it as base=CIDR,size=PREFIX, e.g. base=10.10.0.0/16,size=24');
  }
  if (!/^\d+$/.test(fields.size)) throw invalidPool(`--default-address-pool ${JSON.stringify(text)}`, `size ${JSON.stringify(fields.size)} is not a prefix length`);
  return checkAddressPool({ base: fields.base, size: Number(fields.size) }, `--default-address-pool ${JSON.stringify(text)}`);
}

/** A pool's base must be an IPv4 network and its size a prefix at least as long as the base's, as dockerd requires. */
export function checkAddressPool(pool: AddressPool, where: string): AddressPool {
  const base = parseIpv4Cidr(pool.base);
  if (!base) throw invalidPool(where, `base ${JSON.stringify(pool.base)} is not an IPv4 CIDR`);
  if (!Number.isInteger(pool.size) || pool.size < base.network.prefix || pool.size > 32) {
    throw invalidPool(where, `size ${pool.size} must be a prefix length from ${base.network.prefix} (the base's) to 32`);
  }
  return pool;
}

function invalidPool(where: string, reason: string) {
  return usageError(`invalid default address pool (${where}): ${reason}`, 'give a pool as base=CIDR,size=PREFIX, e.g. base=10.10.0.0/16,size=24');
}
