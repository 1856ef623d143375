// The resolver side of the DNS lookup benchmark (bench/dns-lookup.ts), in a process of its own as
// in the daemon: listens on each gateway given, registers the asking container and `db` on each
// network, prints "ready", and closes when stdin ends.
// Usage: node --import tsx bench/dns-lookup-server.ts GATEWAY,CLIENT,DB [GATEWAY,CLIENT,DB...]
import { DnsResolver } from '../src/network/dns/index.js';

const resolver = new DnsResolver({ upstreams: () => [] });
for (const [index, triple] of process.argv.slice(2).entries()) {
  const [gateway, client, db] = triple.split(',');
  if (gateway === undefined || client === undefined || db === undefined) throw new Error(`expected GATEWAY,CLIENT,DB, got ${triple}`);
  const networkId = `bench-net-${index}`;
  await resolver.listen(networkId, gateway);
  resolver.names.add({ networkId, networkName: 'bench_default', containerId: `client-${index}`, containerName: 'bench-client-1', ipv4: client, aliases: ['client'] });
  resolver.names.add({ networkId, networkName: 'bench_default', containerId: `db-${index}`, containerName: 'bench-db-1', ipv4: db, aliases: ['db'] });
}
process.stdout.write('ready\n');
process.stdin.on('end', () => void resolver.close()).resume();
