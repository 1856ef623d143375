import { BerthError } from '../../../errors/index.js';

const refusedHint =
  'load only archives written by `docker save`, `berth save`, skopeo or another OCI tool; no image from this archive was tagged';

/** A member of an image archive that berth will not read: its name escapes, it is too big, or it is not a file. */
export function archiveRefused(member: string, reason: string): BerthError {
  return new BerthError({ code: 'IMAGE_ARCHIVE_REFUSED', kind: 'usage', message: `image archive refused: member ${JSON.stringify(member)} ${reason}`, hint: refusedHint });
}

/** An archive that is readable but does not hold images the way either format says. */
export function archiveInvalid(problem: string, hint = refusedHint): BerthError {
  return new BerthError({ code: 'IMAGE_ARCHIVE_INVALID', kind: 'usage', message: `not an image archive berth can load: ${problem}`, hint });
}
