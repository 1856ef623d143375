import { describe, expect, it } from 'vitest';
import { parseError, parsedAfterFrom } from '../parse-helpers.js';

describe('instruction flags', () => {
  it('reads string and boolean flags, a bare boolean flag meaning true', () => {
    expect(parsedAfterFrom('COPY --from=build --chown=1000:1000 --chmod=0755 --link a /b')).toMatchObject({ from: 'build', chown: '1000:1000', chmod: '0755', link: true });
  });

  it('reads --flag=false and --flag=TRUE for a boolean flag', () => {
    expect(parsedAfterFrom('COPY --link=false a /b')).toMatchObject({ link: false });
    expect(parsedAfterFrom('COPY --link=TRUE a /b')).toMatchObject({ link: true });
  });

  it('lets a repeatable flag repeat, keeping every value in order', () => {
    expect(parsedAfterFrom('RUN --mount=type=cache,target=/a --mount=type=tmpfs,target=/b true')).toMatchObject({ mounts: ['type=cache,target=/a', 'type=tmpfs,target=/b'] });
  });

  it('rejects an unknown flag, naming the line and suggesting the nearest flag', () => {
    const error = parseError('FROM alpine\nCOPY --form=build a /b\n');
    expect(error.message).toBe('Dockerfile:2: unknown flag for COPY: --form');
    expect(error.hint).toBe('did you mean --from?');
    expect(error.code).toBe('DOCKERFILE_UNKNOWN_FLAG');
  });

  it('lists the flags an instruction accepts when no flag is close', () => {
    expect(parseError('FROM alpine\nADD --from=build a /b\n').hint).toBe('ADD accepts --chmod, --chown, --link');
  });

  it('rejects flags on an instruction that takes none', () => {
    const error = parseError('FROM alpine\nCMD --help\n');
    expect(error.message).toBe('Dockerfile:2: unknown flag for CMD: --help');
    expect(error.hint).toBe('CMD takes no flags');
  });

  it('names a Docker flag that berth does not support as such', () => {
    const error = parseError('FROM alpine\nADD --checksum=sha256:abc https://example.com/x /x\n');
    expect(error.message).toBe('Dockerfile:2: ADD --checksum is not supported by berth');
    expect(error.hint).toBe('remove --checksum; ADD accepts --chmod, --chown, --link');
  });

  it('rejects a string flag without a value', () => {
    const error = parseError('FROM alpine\nCOPY --from a /b\n');
    expect(error.message).toBe('Dockerfile:2: COPY --from needs a value');
    expect(error.hint).toBe('write --from=<value>');
  });

  it('rejects a boolean flag with a value other than true or false', () => {
    expect(parseError('FROM alpine\nCOPY --link=yes a /b\n').message).toBe('Dockerfile:2: COPY --link takes true or false, not "yes"');
  });

  it('rejects a flag given twice unless it repeats', () => {
    const error = parseError('FROM alpine\nCOPY --from=a --from=b x /y\n');
    expect(error.message).toBe('Dockerfile:2: COPY --from is given twice');
    expect(error.hint).toBe('keep one --from');
  });

  it('does not mistake a flag named like an object property for a known one', () => {
    expect(parseError('FROM alpine\nCOPY --constructor=x a /b\n').message).toBe('Dockerfile:2: unknown flag for COPY: --constructor');
  });
});
