import { BerthError } from '../../errors/index.js';

/** Docker's texts for volumes, word for word, so clients that match on them keep working. */
export function noSuchVolume(name: string): BerthError {
  return new BerthError({
    code: 'VOLUME_NOT_FOUND',
    kind: 'not-found',
    message: `get ${name}: no such volume`,
    hint: 'list the volumes with `docker volume ls`; a volume is made by `docker volume create` or by a container that mounts it',
  });
}

export function volumeInUse(name: string, containers: readonly string[]): BerthError {
  return new BerthError({
    code: 'VOLUME_IN_USE',
    kind: 'conflict',
    message: `remove ${name}: volume is in use - [${containers.join(' ')}]`,
    hint: 'remove the containers that mount it first (docker rm); force does not remove a volume in use, as with Docker',
  });
}

export function unknownDriver(name: string, driver: string): BerthError {
  return new BerthError({
    code: 'VOLUME_DRIVER_NOT_FOUND',
    kind: 'not-found',
    message: `create ${name}: error looking up volume plugin ${driver}: plugin "${driver}" not found`,
    hint: 'berth has the local driver only; leave the driver out or write "local"',
  });
}

export function invalidDriverOption(name: string, option: string): BerthError {
  return new BerthError({
    code: 'VOLUME_OPTION_INVALID',
    kind: 'usage',
    message: `create ${name}: invalid option: ${JSON.stringify(option)}`,
    hint: 'the local driver takes the options type, device and o (the arguments of mount -t TYPE -o O DEVICE)',
  });
}
