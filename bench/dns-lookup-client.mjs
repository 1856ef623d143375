// One client of the DNS lookup benchmark (bench/dns-lookup.ts): `count` lookups of one name, one
// after another, through node:dns's Resolver (c-ares, no cache), timed each, after `warmUp`
// untimed ones. Prints one JSON line: {"samples": [milliseconds...], "failures": N}.
// Plain JavaScript so it runs as is inside another network namespace (ip netns exec, nsenter -n).
// Usage: node bench/dns-lookup-client.mjs SERVER NAME [count=1000] [warmUp=100]
import { Resolver } from 'node:dns/promises';

const [server, name, countText = '1000', warmUpText = '100'] = process.argv.slice(2);
if (server === undefined || name === undefined) throw new Error('usage: node bench/dns-lookup-client.mjs SERVER NAME [count] [warmUp]');
const resolver = new Resolver({ timeout: 2_000, tries: 1 });
resolver.setServers([server]);

let failures = 0;
const lookup = async () => {
  try {
    await resolver.resolve4(name);
  } catch {
    failures += 1;
  }
};
for (let index = 0; index < Number(warmUpText); index += 1) await lookup();
failures = 0;
const samples = [];
for (let index = 0; index < Number(countText); index += 1) {
  const started = performance.now();
  await lookup();
  samples.push(performance.now() - started);
}
process.stdout.write(`${JSON.stringify({ samples, failures })}\n`);
