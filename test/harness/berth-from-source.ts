// berth's CLI run from the sources (node --import tsx test/harness/berth-from-source.ts ARGS...),
// for tests that must not depend on dist/ being built: the test daemon, the auto-start scenario.
import { main } from '../../src/cli/main.js';

await main(process.argv);
