import { BerthError } from '../../errors/index.js';

/** The build context directory is missing, or not a directory (the docker CLI's words). */
export function contextNotFound(directory: string, problem: 'missing' | 'not-a-directory'): BerthError {
  return new BerthError({
    code: 'BUILD_CONTEXT_NOT_FOUND',
    kind: 'usage',
    message: problem === 'missing' ? `unable to prepare context: path ${JSON.stringify(directory)} not found` : `unable to prepare context: context must be a directory: ${directory}`,
    hint: "the build context is a directory: check the service's build.context, or the path given to build",
  });
}

export function dockerfileNotFound(path: string, problem: 'missing' | 'not-a-file'): BerthError {
  return new BerthError({
    code: 'BUILD_DOCKERFILE_NOT_FOUND',
    kind: 'usage',
    message: problem === 'missing' ? `unable to prepare context: Cannot locate specified Dockerfile: ${path}` : `unable to prepare context: the Dockerfile ${path} is not a file`,
    hint: 'a Dockerfile path is relative to the build context; check build.dockerfile, or use build.dockerfile_inline',
  });
}

/** Something in the context that cannot be read, so the context cannot be sent whole. */
export function contextUnreadable(path: string, cause: unknown): BerthError {
  const code = (cause as NodeJS.ErrnoException).code ?? 'error';
  return new BerthError({
    code: 'BUILD_CONTEXT_UNREADABLE',
    kind: 'usage',
    message: `error checking context: can't read ${JSON.stringify(path)} (${code})`,
    hint: 'make it readable, or leave it out of the build context with .dockerignore',
    cause,
  });
}

/** A member of a received build context that berth will not unpack. */
export function memberRefused(member: string, reason: string): BerthError {
  return new BerthError({
    code: 'BUILD_CONTEXT_MEMBER_REFUSED',
    kind: 'usage',
    message: `refusing the build context: member ${JSON.stringify(member)} ${reason}`,
    hint: 'a build context holds only files, directories and links, every one named inside the context: relative names without "..", and no member written through a link',
  });
}

export function contextDamaged(detail: string, cause: unknown): BerthError {
  return new BerthError({
    code: 'BUILD_CONTEXT_UNREADABLE',
    kind: 'usage',
    message: `Error processing tar file: ${detail}`,
    hint: 'send the build context as a tar, plain or gzip-compressed',
    cause,
  });
}

/** A COPY or ADD source that matches nothing in the context (BuildKit's words, with the path as it resolved). */
export function sourceNotFound(source: string): BerthError {
  return new BerthError({
    code: 'BUILD_SOURCE_NOT_FOUND',
    kind: 'usage',
    message: `failed to compute cache key: ${JSON.stringify(source)}: not found`,
    hint: 'source paths are relative to the build context (a leading "/" or ".." stays inside it); check the path, and whether .dockerignore leaves it out',
  });
}

export function sourcePatternInvalid(source: string): BerthError {
  return new BerthError({
    code: 'BUILD_SOURCE_PATTERN_INVALID',
    kind: 'usage',
    message: `syntax error in pattern ${JSON.stringify(source)}`,
    hint: 'close every "[" class with "]", and write a literal [ as \\[',
  });
}
