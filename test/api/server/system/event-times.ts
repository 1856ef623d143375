/** A time as the docker CLI sends `--since` and `--until`: Unix seconds with nine digits of fraction. */
export function unixTime(at: Date | number = Date.now()): string {
  const millis = typeof at === 'number' ? at : at.getTime();
  return `${Math.floor(millis / 1000)}.${String(millis % 1000).padStart(3, '0')}000000`;
}
