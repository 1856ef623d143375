import { describe, expect, it } from 'vitest';
import { loadProject } from '../../../src/compose-spec/index.js';
import { networkCreateRequest } from '../../../src/scheduler/desired/network-request.js';
import { desiredReplicas } from '../../../src/scheduler/desired/replicas.js';
import { volumeCreateRequest } from '../../../src/scheduler/desired/volume-request.js';
import { tempProject } from '../../helpers/temp-project.js';

async function load(yaml: string) {
  const directory = tempProject({ 'compose.yaml': yaml }, 'demo');
  return (await loadProject({ workingDir: directory, processEnv: {} })).project;
}

describe('network create requests', () => {
  it('creates <project>_<key> with the compose labels, driver, options and IPAM', async () => {
    const project = await load(`services:
  web: {image: nginx, networks: [back]}
networks:
  back:
    driver: bridge
    driver_opts: {com.docker.network.bridge.name: br-back}
    internal: true
    attachable: true
    enable_ipv6: true
    labels: {tier: back}
    ipam:
      driver: default
      config: [{subnet: 172.28.0.0/16, ip_range: 172.28.5.0/24, gateway: 172.28.0.1, aux_addresses: {host1: 172.28.1.5}}]
`);
    expect(networkCreateRequest(project, 'back')).toEqual({
      Name: 'demo_back',
      CheckDuplicate: true,
      Driver: 'bridge',
      Options: { 'com.docker.network.bridge.name': 'br-back' },
      Internal: true,
      Attachable: true,
      EnableIPv6: true,
      IPAM: { Driver: 'default', Config: [{ Subnet: '172.28.0.0/16', IPRange: '172.28.5.0/24', Gateway: '172.28.0.1', AuxiliaryAddresses: { host1: '172.28.1.5' } }] },
      Labels: { tier: 'back', 'com.docker.compose.project': 'demo', 'com.docker.compose.network': 'back', 'com.docker.compose.version': '2.29.0' },
    });
  });

  it('creates the default network with only its name and labels, leaving the rest to the engine', async () => {
    const project = await load('services:\n  web: {image: nginx}\n');
    expect(networkCreateRequest(project, 'default')).toEqual({
      Name: 'demo_default',
      CheckDuplicate: true,
      Labels: { 'com.docker.compose.project': 'demo', 'com.docker.compose.network': 'default', 'com.docker.compose.version': '2.29.0' },
    });
  });
});

describe('volume create requests', () => {
  it('creates the volume under its engine name with the compose labels, driver and options', async () => {
    const project = await load(`services:
  web: {image: nginx, volumes: ["data:/data", "cache:/cache"]}
volumes:
  data: {driver: local, driver_opts: {type: tmpfs, device: tmpfs}, labels: {backup: daily}}
  cache: {name: shared-cache}
`);
    expect(volumeCreateRequest(project, 'data')).toEqual({
      Name: 'demo_data',
      Driver: 'local',
      DriverOpts: { type: 'tmpfs', device: 'tmpfs' },
      Labels: { backup: 'daily', 'com.docker.compose.project': 'demo', 'com.docker.compose.volume': 'data', 'com.docker.compose.version': '2.29.0' },
    });
    expect(volumeCreateRequest(project, 'cache').Name).toBe('shared-cache');
  });
});

describe('desired replicas', () => {
  it('takes --scale, then scale, then deploy.replicas, then one', async () => {
    const project = await load(`services:
  a: {image: x, scale: 3}
  b: {image: x, deploy: {replicas: 2}}
  c: {image: x}
  d: {image: x, scale: 0}
`);
    expect(desiredReplicas(project.services.a!, 7)).toBe(7);
    expect(desiredReplicas(project.services.a!)).toBe(3);
    expect(desiredReplicas(project.services.b!)).toBe(2);
    expect(desiredReplicas(project.services.c!)).toBe(1);
    expect(desiredReplicas(project.services.d!)).toBe(0);
  });
});
