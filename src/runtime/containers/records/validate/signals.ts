import { constants } from 'node:os';

/** Linux's real-time signals as glibc numbers them (34 to 64), which Docker names RTMIN, RTMIN+n, RTMAX-n, RTMAX. */
const realTimeFirst = 34;
const realTimeLast = 64;

/**
 * A signal's number from the way Docker accepts it (its ParseSignal): a number, or a name in any
 * case with or without `SIG` (`TERM`, `sigterm`, `SIGRTMIN+3`). Undefined when it is neither.
 */
export function signalNumber(text: string): number | undefined {
  if (/^\d+$/.test(text)) {
    const number = Number(text);
    return number >= 1 && number <= realTimeLast ? number : undefined;
  }
  const name = text.toUpperCase().replace(/^SIG/, '');
  const known = (constants.signals as Record<string, number | undefined>)[`SIG${name}`];
  if (known !== undefined) return known;
  if (name === 'CLD') return constants.signals.SIGCHLD;
  const realTime = /^RT(MIN|MAX)(?:([+-])(\d+))?$/.exec(name);
  if (!realTime) return undefined;
  const [, end, sign, offset] = realTime;
  const step = Number(offset ?? 0);
  // Docker names RTMIN+1..RTMIN+15 and RTMAX-14..RTMAX-1, the halves of the range.
  if (end === 'MIN' && (sign === undefined || (sign === '+' && step <= 15))) return realTimeFirst + step;
  if (end === 'MAX' && (sign === undefined || (sign === '-' && step <= 14))) return realTimeLast - step;
  return undefined;
}
