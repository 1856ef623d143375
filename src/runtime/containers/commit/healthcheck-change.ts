import type { HealthConfig } from '../../../api/types/containers.js';
import { parseDurationText } from '../../../format/duration-text.js';

/** What a HEALTHCHECK instruction takes besides its command (the Dockerfile's, Docker 20.10). */
const healthcheckFlags = ['interval', 'timeout', 'start-period', 'retries'];
/** Docker's container.MinimumDuration. */
const minimumNanoseconds = 1e6;

/**
 * `HEALTHCHECK NONE`, or `HEALTHCHECK [--interval=D] [--timeout=D] [--start-period=D]
 * [--retries=N] CMD command`: the command in exec form (`["CMD", ...]`) or shell form
 * (`["CMD-SHELL", "text"]`); flags left out are 0, the engine's defaults. `command` is the parsed
 * rest after the type: `json` for a JSON array. Throws Docker's messages.
 */
export function healthcheckChange(flags: ReadonlyMap<string, string>, type: string, command: { json: boolean; args: string[] }): HealthConfig {
  for (const flag of flags.keys()) if (!healthcheckFlags.includes(flag)) throw new Error(`Unknown flag: ${flag}`);
  const kind = type.toUpperCase();
  if (kind === 'NONE') {
    if (command.args.length > 0) throw new Error('HEALTHCHECK NONE takes no arguments');
    return { Test: ['NONE'] };
  }
  if (kind !== 'CMD') throw new Error(`Unknown type ${JSON.stringify(kind)} in HEALTHCHECK (try CMD)`);
  if (command.args.length === 0) throw new Error('Missing command after HEALTHCHECK CMD');
  const health: HealthConfig = { Test: command.json ? ['CMD', ...command.args] : ['CMD-SHELL', ...command.args] };
  const interval = duration(flags, 'interval');
  const timeout = duration(flags, 'timeout');
  const startPeriod = duration(flags, 'start-period');
  if (interval) health.Interval = interval;
  if (timeout) health.Timeout = timeout;
  if (startPeriod) health.StartPeriod = startPeriod;
  const retries = flags.get('retries');
  if (retries) {
    if (!/^[-+]?\d+$/.test(retries)) throw new Error(`strconv.ParseInt: parsing ${JSON.stringify(retries)}: invalid syntax`);
    if (Number(retries) < 1) throw new Error(`--retries must be at least 1 (not ${Number(retries)})`);
    health.Retries = Number(retries);
  }
  return health;
}

function duration(flags: ReadonlyMap<string, string>, name: string): number {
  const text = flags.get(name);
  if (!text) return 0;
  const nanoseconds = parseDurationText(text);
  if (nanoseconds === undefined) throw new Error(`time: invalid duration ${JSON.stringify(text)}`);
  if (nanoseconds < minimumNanoseconds) throw new Error(`Interval ${JSON.stringify(name)} cannot be less than 1ms`);
  return nanoseconds;
}
