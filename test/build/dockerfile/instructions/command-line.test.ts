import { describe, expect, it } from 'vitest';
import { parseError, parsedAfterFrom } from '../parse-helpers.js';

describe('RUN', () => {
  it('keeps the shell form command as written, variables and quotes included', () => {
    expect(parsedAfterFrom('RUN echo "$HOME" && ls \'*\'')).toEqual({
      keyword: 'RUN',
      command: { form: 'shell', command: 'echo "$HOME" && ls \'*\'' },
      heredocs: [],
      mounts: [],
      network: 'default',
      security: 'sandbox',
    });
  });

  it('reads the exec form, --network and --security', () => {
    expect(parsedAfterFrom('RUN --network=none --security=insecure ["make", "test"]')).toEqual({
      keyword: 'RUN',
      command: { form: 'exec', args: ['make', 'test'] },
      heredocs: [],
      mounts: [],
      network: 'none',
      security: 'insecure',
    });
  });

  it('rejects an unknown network mode or security value', () => {
    const network = parseError('FROM alpine\nRUN --network=bridge true\n');
    expect(network.message).toBe('Dockerfile:2: invalid network mode "bridge"');
    expect(network.hint).toBe('use --network=default, --network=none or --network=host');
    expect(parseError('FROM alpine\nRUN --security=privileged true\n').message).toBe('Dockerfile:2: security "privileged" is not valid');
  });
});

describe('CMD and ENTRYPOINT', () => {
  it('read the exec and the shell form', () => {
    expect(parsedAfterFrom('CMD ["npm", "start"]')).toEqual({ keyword: 'CMD', command: { form: 'exec', args: ['npm', 'start'] } });
    expect(parsedAfterFrom('ENTRYPOINT exec nginx -g "daemon off;"')).toEqual({ keyword: 'ENTRYPOINT', command: { form: 'shell', command: 'exec nginx -g "daemon off;"' } });
  });

  it('read a bare keyword as an empty shell command', () => {
    expect(parsedAfterFrom('ENTRYPOINT')).toEqual({ keyword: 'ENTRYPOINT', command: { form: 'shell', command: '' } });
  });
});

describe('SHELL', () => {
  it('reads the JSON form', () => {
    expect(parsedAfterFrom('SHELL ["/bin/bash", "-o", "pipefail", "-c"]')).toEqual({ keyword: 'SHELL', shell: ['/bin/bash', '-o', 'pipefail', '-c'] });
  });

  it('rejects the shell form', () => {
    const error = parseError('FROM alpine\nSHELL /bin/bash -c\n');
    expect(error.message).toBe('Dockerfile:2: SHELL requires the arguments to be in JSON form');
    expect(error.hint).toBe('write SHELL ["/bin/sh", "-c"]');
  });

  it('rejects an empty shell', () => {
    expect(parseError('FROM alpine\nSHELL []\n').message).toBe('Dockerfile:2: SHELL requires at least one argument');
    expect(parseError('FROM alpine\nSHELL\n').message).toBe('Dockerfile:2: SHELL requires at least one argument');
  });
});
