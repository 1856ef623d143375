import { BerthError } from '../../../errors/index.js';

const refusedHint =
  'berth will not unpack this image: one of its layers is malformed or hostile, and nothing from it was kept. ' +
  'Rebuild the image with a standard tool (docker build, buildah, kaniko), or ask its publisher.';

/** `subject` is `memberSubject(name)` or a phrase such as "the header at byte 1536". */
export function layerRefused(digest: string, subject: string, reason: string): BerthError {
  return new BerthError({ code: 'LAYER_REFUSED', kind: 'conflict', message: `layer ${digest} refused: ${subject} ${reason}`, hint: refusedHint });
}

export function memberSubject(latin1Name: string): string {
  return `member ${displayName(latin1Name)}`;
}

/** A latin1 (byte-per-character) name as a person reads it: its bytes as UTF-8, quoted, cut when long. */
export function displayName(latin1Name: string): string {
  const text = Buffer.from(latin1Name, 'latin1').toString('utf8');
  return JSON.stringify(text.length > 200 ? `${text.slice(0, 100)}…${text.slice(-60)}` : text);
}

export function layerTruncated(digest: string, where: string): BerthError {
  return new BerthError({
    code: 'LAYER_TRUNCATED',
    kind: 'unavailable',
    message: `layer ${digest} ends ${where}: the tar stream was cut short`,
    hint: 'pull the image again; if it keeps failing, the registry holds a damaged layer',
  });
}

const unpackHint =
  'check that the layer store has free space and sits on a filesystem with trusted.* xattrs (ext4, xfs, btrfs), and that berth runs as root';

/** `missingPackage` names the Debian package to install when the tool is not there at all. */
export function layerUnpackFailed(digest: string, what: string, detail: string, options: { cause?: unknown; missingPackage?: string } = {}): BerthError {
  return new BerthError({
    code: 'LAYER_UNPACK_FAILED',
    kind: 'internal',
    message: `layer ${digest} could not be unpacked: ${what}${detail ? `: ${detail}` : ''}`,
    hint: options.missingPackage ? `install the Debian package ${options.missingPackage} (berth runs it to unpack layers)` : unpackHint,
    cause: options.cause,
  });
}
