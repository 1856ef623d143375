import { isAbsolute, join } from 'node:path';
import { BerthError } from '../../errors/index.js';

/**
 * Where one engine keeps its links: namespace files under `<runDirectory>/netns`, and the mark
 * (the `ifalias` of every bridge and host-side veth it makes) that tells its links from everyone
 * else's. Docker's `docker0` and a dockerd's `br-*` carry no alias, and another berth engine
 * (another run directory, as tests run them side by side) carries another mark, so crash repair
 * only ever deletes what this engine made.
 */
export interface LinkHost {
  runDirectory: string;
  /** `<runDirectory>/netns`: a bind mount of itself, shared, holding one file per namespace. */
  namespaceDirectory: string;
  /** `berth:<runDirectory>`: a person reading `ip -d link` sees who made the link. */
  mark: string;
}

/** The kernel keeps an alias of at most 255 bytes (IFALIASZ 256, with its terminating zero). */
const maxAliasBytes = 255;

export function linkHost(runDirectory: string): LinkHost {
  const mark = `berth:${runDirectory}`;
  if (!isAbsolute(runDirectory) || Buffer.byteLength(mark) > maxAliasBytes) {
    throw new BerthError({
      code: 'NETWORK_RUN_DIRECTORY_INVALID',
      kind: 'usage',
      message: `berth's run directory ${JSON.stringify(runDirectory)} cannot mark its network links: it must be an absolute path of at most ${maxAliasBytes - 'berth:'.length} bytes`,
      hint: 'give the engine a shorter absolute run directory',
    });
  }
  return { runDirectory, namespaceDirectory: join(runDirectory, 'netns'), mark };
}
