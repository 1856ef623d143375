import { BerthError } from '../../errors/index.js';

/** Docker 20.10's texts for networks, word for word (clients match on them), each with a hint. */

export function noSuchNetwork(reference: string): BerthError {
  return new BerthError({ code: 'NETWORK_NOT_FOUND', kind: 'not-found', message: `network ${reference} not found`, hint: 'list the networks with `docker network ls`' });
}

/**
 * Docker words an ambiguous id prefix one way in inspect (its API router) and another everywhere
 * else (its daemon); berth keeps both.
 */
export function ambiguousNetwork(reference: string, matches: number, wording: 'inspect' | 'use'): BerthError {
  return new BerthError({
    code: 'NETWORK_AMBIGUOUS',
    kind: 'usage',
    message: wording === 'inspect' ? `${matches} matches found based on ID prefix: network ${reference} is ambiguous` : `network ${reference} is ambiguous (${matches} matches found based on ID prefix)`,
    hint: `${matches} networks have ids starting with "${reference}"; give more of the id, or the name`,
  });
}

export function networkNameTaken(name: string): BerthError {
  return new BerthError({
    code: 'NETWORK_NAME_TAKEN',
    kind: 'conflict',
    message: `network with name ${name} already exists`,
    hint: 'network names are unique in berth whatever CheckDuplicate says (as in Docker since API 1.44); use the network that exists, or remove it first',
  });
}

export function invalidNetworkName(name: string): BerthError {
  return new BerthError({ code: 'NETWORK_NAME_INVALID', kind: 'usage', message: `invalid name: ${name}`, hint: 'give the network a name' });
}

/** Docker's text ends with a space; kept. */
export function predefinedName(name: string): BerthError {
  return new BerthError({
    code: 'NETWORK_NAME_PREDEFINED',
    kind: 'conflict',
    message: `operation is not permitted on predefined ${name} network `,
    hint: `"${name}" names one of the engine's own networks; choose another name`,
  });
}

export function predefinedNotRemovable(name: string): BerthError {
  return new BerthError({
    code: 'NETWORK_PREDEFINED',
    kind: 'conflict',
    message: `${name} is a pre-defined network and cannot be removed`,
    hint: 'the bridge, host and none networks always exist',
  });
}

export function activeEndpoints(name: string, id: string, containers: readonly string[]): BerthError {
  return new BerthError({
    code: 'NETWORK_IN_USE',
    kind: 'conflict',
    message: `error while removing network: network ${name} id ${id} has active endpoints`,
    hint: `stop or disconnect the containers on it first: ${containers.join(', ')}`,
  });
}

export function onlyOneInstance(driver: 'host' | 'null'): BerthError {
  return new BerthError({
    code: 'NETWORK_DRIVER_SINGLETON',
    kind: 'conflict',
    message: `only one instance of "${driver}" network is allowed`,
    hint: `use the predefined "${driver === 'null' ? 'none' : 'host'}" network (network_mode: ${driver === 'null' ? 'none' : 'host'})`,
  });
}

/** berth's own: Docker's drivers that berth's engine does not have. */
export function unsupportedDriver(driver: string): BerthError {
  return new BerthError({
    code: 'NETWORK_DRIVER_UNSUPPORTED',
    kind: 'usage',
    message: `network driver "${driver}" is not supported by berth's engine: only "bridge" is`,
    hint: 'leave the driver out or write "bridge"; overlay, macvlan and ipvlan networks need Docker\'s engine (--host)',
  });
}

export function unknownDriver(driver: string): BerthError {
  return new BerthError({ code: 'NETWORK_DRIVER_NOT_FOUND', kind: 'not-found', message: `plugin "${driver}" not found`, hint: 'berth has the bridge driver only; leave the driver out or write "bridge"' });
}

export function sameBridgeName(id: string, bridge: string, otherId: string): BerthError {
  return new BerthError({
    code: 'NETWORK_BRIDGE_TAKEN',
    kind: 'conflict',
    message: `cannot create network ${id} (${bridge}): conflicts with network ${otherId} (${bridge}): networks have same bridge name`,
    hint: 'give com.docker.network.bridge.name a name no other network uses, or leave it out (br- and 12 hex of the id)',
  });
}

export function invalidBridgeOption(option: string, value: string, why: string): BerthError {
  return new BerthError({
    code: 'NETWORK_OPTION_INVALID',
    kind: 'usage',
    message: `failed to parse ${option} value: ${value} (${why})`,
    hint: `fix or leave out the driver option ${option}`,
  });
}

export function endpointExists(containerName: string, network: string): BerthError {
  return new BerthError({
    code: 'NETWORK_ENDPOINT_EXISTS',
    kind: 'conflict',
    message: `endpoint with name ${containerName} already exists in network ${network}`,
    hint: `the container is on ${network} already; disconnect it first to connect it again with other settings`,
  });
}

export function notConnected(containerId: string, network: string): BerthError {
  return new BerthError({
    code: 'NETWORK_NOT_CONNECTED',
    kind: 'conflict',
    message: `container ${containerId} is not connected to network ${network}`,
    hint: '`docker network inspect` lists the containers on a network',
  });
}

export function fixedAddressOnPredefined(): BerthError {
  return new BerthError({
    code: 'NETWORK_FIXED_ADDRESS_PREDEFINED',
    kind: 'usage',
    message: 'user specified IP address is supported on user defined networks only',
    hint: 'create a network with a subnet (docker network create --subnet ...) and give the address there',
  });
}

export function fixedAddressWithoutSubnet(): BerthError {
  return new BerthError({
    code: 'NETWORK_FIXED_ADDRESS_NO_SUBNET',
    kind: 'usage',
    message: 'user specified IP address is supported only when connecting to networks with user configured subnets',
    hint: 'give the network a subnet (ipam.config[].subnet), then addresses inside it',
  });
}

export function aliasOnPredefined(): BerthError {
  return new BerthError({
    code: 'NETWORK_ALIAS_PREDEFINED',
    kind: 'usage',
    message: 'network-scoped alias is supported only for containers in user defined networks',
    hint: 'aliases need a network of your own: create one and connect the container there',
  });
}
