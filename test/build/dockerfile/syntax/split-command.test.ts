import { describe, expect, it } from 'vitest';
import { splitCommand } from '../../../../src/build/dockerfile/syntax/split-command.js';

describe('cutting an instruction line into keyword, flags and arguments', () => {
  it('takes the leading --flags and trims the rest', () => {
    expect(splitCommand('  COPY --from=build --chown=app:app  /src /dst  ')).toEqual({ keyword: 'COPY', flags: ['--from=build', '--chown=app:app'], rest: '/src /dst' });
  });

  it('stops taking flags at the first word that does not start with --', () => {
    expect(splitCommand('RUN echo --not-a-flag')).toEqual({ keyword: 'RUN', flags: [], rest: 'echo --not-a-flag' });
    expect(splitCommand('RUN -x --y')).toEqual({ keyword: 'RUN', flags: [], rest: '-x --y' });
  });

  it('removes quotes and applies backslash escapes in flag values', () => {
    expect(splitCommand('RUN --mount="type=bind,target=/a b" --network=\'host\' --x=a\\ b cmd')).toEqual({
      keyword: 'RUN',
      flags: ['--mount=type=bind,target=/a b', '--network=host', '--x=a b'],
      rest: 'cmd',
    });
  });

  it('ends the flags at a bare --', () => {
    expect(splitCommand('RUN --network=none -- --help')).toEqual({ keyword: 'RUN', flags: ['--network=none'], rest: '--help' });
  });

  it('gives an empty rest for a keyword alone or with flags only', () => {
    expect(splitCommand('CMD')).toEqual({ keyword: 'CMD', flags: [], rest: '' });
    expect(splitCommand('COPY --link')).toEqual({ keyword: 'COPY', flags: ['--link'], rest: '' });
  });
});
