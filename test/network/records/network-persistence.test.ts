import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { containerId, openRecords, rejection, routes } from './records-fixtures.js';

describe('network records on disk', () => {
  it('come back after a restart as they were, predefined ids included, one file per network', async () => {
    const { records, state } = await openRecords();
    await records.create({ Name: 'web', Labels: { a: '1' }, IPAM: { Config: [{ Subnet: '10.215.104.0/24', AuxiliaryAddresses: { r: '10.215.104.2' } }] } });
    records.connect('web', { containerId: containerId(1), containerName: '/c1', config: { Aliases: ['x'] } });
    records.connect('bridge', { containerId: containerId(1), containerName: '/c1' });
    const before = records.all().map((network) => records.inspect(network.Id));
    const { records: restarted } = await openRecords({ state });
    expect(restarted.all().map((network) => restarted.inspect(network.Id))).toEqual(before);
    expect(restarted.find('web')).toEqual(records.find('web'));
    expect(readdirSync(join(state, 'networks')).sort()).toEqual(records.all().map((network) => `${network.Id}.json`).sort());
  });

  it('sweep the temporary files a killed write left, and name a file that is not a record', async () => {
    const { records, state } = await openRecords();
    const { Id } = await records.create({ Name: 'web' });
    const directory = join(state, 'networks');
    writeFileSync(join(directory, `.${Id}.json.4242.deadbeef.tmp`), '{"half": ');
    await openRecords({ state });
    expect(readdirSync(directory)).not.toContain(`.${Id}.json.4242.deadbeef.tmp`);
    writeFileSync(join(directory, `${Id}.json`), '{"schemaVersion": 1, "Name": 7}');
    const error = await rejection(openRecords({ state }));
    expect(error.message).toBe(`the network record at ${join(directory, `${Id}.json`)} cannot be read: Id must be a string`);
    expect(error.hint).toContain('remove it to forget the network');
  });

  it("move the empty default bridge off a subnet the host has since routed elsewhere (a dockerd took 172.17), keeping its id", async () => {
    const { records, state } = await openRecords();
    const id = records.find('bridge').Id;
    const { records: restarted } = await openRecords({ state, hostRoutes: routes('172.17.0.0/16 docker0') });
    expect(restarted.find('bridge')).toMatchObject({ Id: id, addressing: { subnet: '172.18.0.0/16', gateway: '172.18.0.1' } });
    expect(restarted.inspect('bridge').IPAM.Config).toEqual([{ Subnet: '172.18.0.0/16', Gateway: '172.18.0.1' }]);
  });

  it('keep the default bridge where it is when the route is its own, or when a container is still on it', async () => {
    const { records, state } = await openRecords();
    const { records: own } = await openRecords({ state, hostRoutes: routes('172.17.0.0/16 berth0') });
    expect(own.find('bridge').addressing?.subnet).toBe('172.17.0.0/16');
    records.connect('bridge', { containerId: containerId(1), containerName: '/c1' });
    const { records: busy } = await openRecords({ state, hostRoutes: routes('172.17.0.0/16 docker0') });
    expect(busy.find('bridge').addressing?.subnet).toBe('172.17.0.0/16');
  });
});
