// One berth pull in a process of its own, for bench/image-pull.mjs: pullImage from the built
// dist/ into the store at STORE, then one JSON line with the pull's own time (module loading and
// Node's start left out; the parent times the whole process) and the process's peak RSS (VmHWM;
// GNU tar, which berth runs to unpack, is a process of its own and not in it).
// Usage: node bench/pull-child.mjs STORE REFERENCE
import { readFileSync } from 'node:fs';
import { ContentStore, pullImage } from '../dist/runtime/images/index.js';

const [storeRoot, reference] = process.argv.slice(2);
if (!storeRoot || !reference) throw new Error('usage: node bench/pull-child.mjs STORE REFERENCE');

const start = process.hrtime.bigint();
await pullImage(new ContentStore(storeRoot), reference);
const pullMs = Number(process.hrtime.bigint() - start) / 1e6;
const peakRssKb = Number(/^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]);
process.stdout.write(`${JSON.stringify({ pullMs, peakRssKb })}\n`);
