import { BerthError } from '../../../errors/index.js';

/** What a container runs, as image configs and container configs both carry it; null is "not set". */
export interface CommandConfig {
  Entrypoint?: string[] | null;
  Cmd?: string[] | null;
}

/** The container's command after merging with its image, as inspect shows it in `Config`. */
export interface MergedCommand {
  Entrypoint: string[] | null;
  Cmd: string[] | null;
}

/**
 * Docker's merge of a container's Entrypoint and Cmd with its image's (measured on dockerd 20.10):
 * - an Entrypoint left out (or null) keeps the image's; an empty list clears it;
 * - the image's Cmd is used only when the container sets no Cmd and no non-empty Entrypoint, so a
 *   container Entrypoint drops the image Cmd, but an empty Entrypoint keeps it;
 * - `[""]` (what `--entrypoint ""` sends) counts as a set Entrypoint, then is dropped: the image's
 *   Entrypoint and Cmd both go, and the container's own Cmd runs alone.
 */
export function mergeCommand(container: CommandConfig, image: CommandConfig): MergedCommand {
  let entrypoint = container.Entrypoint ?? null;
  let cmd = container.Cmd ?? null;
  if (entrypoint === null || entrypoint.length === 0) {
    if (cmd === null || cmd.length === 0) cmd = image.Cmd ?? null;
    if (entrypoint === null) entrypoint = image.Entrypoint ?? null;
  }
  if (entrypoint !== null && entrypoint.length === 1 && entrypoint[0] === '') entrypoint = null;
  return { Entrypoint: entrypoint, Cmd: cmd };
}

/**
 * The argv a container runs: Entrypoint, then Cmd. A container with neither is refused, as Docker
 * refuses it ("No command specified"), naming the image and what to set.
 */
export function commandArgv(merged: MergedCommand, imageName: string): string[] {
  const argv = [...(merged.Entrypoint ?? []), ...(merged.Cmd ?? [])];
  if (argv.length === 0) {
    throw new BerthError({
      code: 'CONTAINER_NO_COMMAND',
      kind: 'usage',
      message: `no command specified: image ${imageName} has no ENTRYPOINT or CMD, and the container sets no entrypoint or command`,
      hint: 'give the service a `command:` (or `entrypoint:`), or use an image that sets CMD or ENTRYPOINT',
    });
  }
  return argv;
}
