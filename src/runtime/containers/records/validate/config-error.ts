import { BerthError } from '../../../../errors/index.js';

/**
 * A container configuration berth refuses before making anything: which field, the value given,
 * what is wrong (in Docker's words where Docker has them), and what to write instead.
 */
export function invalidConfig(field: string, value: unknown, problem: string, fix: string): BerthError {
  return new BerthError({
    code: 'CONTAINER_CONFIG_INVALID',
    kind: 'usage',
    message: `${field} ${JSON.stringify(value)}: ${problem}`,
    hint: fix,
  });
}
