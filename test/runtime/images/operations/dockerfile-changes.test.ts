import { describe, expect, test } from 'vitest';
import { BerthError } from '../../../../src/errors/index.js';
import { applyChanges } from '../../../../src/runtime/images/operations/index.js';

describe('import changes, as a Dockerfile reads them', () => {
  const cases: Array<[string, string[], object]> = [
    ['exec form', ['CMD ["nginx", "-g", "daemon off;"]'], { Cmd: ['nginx', '-g', 'daemon off;'] }],
    ['shell form', ['CMD echo "$HOME"'], { Cmd: ['/bin/sh', '-c', 'echo "$HOME"'] }],
    ['JSON that is not a list of strings is shell form', ['ENTRYPOINT [1, 2]'], { Entrypoint: ['/bin/sh', '-c', '[1, 2]'] }],
    ['an empty exec form', ['CMD []'], { Cmd: [] }],
    ['the last CMD wins', ['CMD a', 'CMD ["b"]'], { Cmd: ['b'] }],
    ['lowercase instructions', ['cmd ["x"]', 'workdir /x'], { Cmd: ['x'], WorkingDir: '/x' }],
    ['several pairs', ['ENV A=1 B="two words" C=three\\ words'], { Env: ['A=1', 'B=two words', 'C=three words'] }],
    ['the old form', ['ENV NAME a value  with spaces'], { Env: ['NAME=a value  with spaces'] }],
    ['a replaced name keeps its place', ['ENV A=1 B=2', 'ENV A=3'], { Env: ['A=3', 'B=2'] }],
    ['variables from earlier instructions', ['ENV A=1', 'ENV B=$A-${A}'], { Env: ['A=1', 'B=1-1'] }],
    ['not from the same instruction', ['ENV A=1 B=$A'], { Env: ['A=1', 'B='] }],
    ['defaults and alternatives', ['ENV E=', 'ENV A=${E:-d} B=${E-d} C=${E:+a} D=${E+a} F=${U:-d} G=${U+a}'], { Env: ['E=', 'A=d', 'B=', 'C=', 'D=a', 'F=d', 'G='] }],
    ['quotes and escapes', [`ENV A=x`, `ENV S='$A "q"' D="$A \\"q\\" \\x" N=\\$A`], { Env: ['A=x', 'S=$A "q"', 'D=x "q" \\x', 'N=$A'] }],
    ['an absolute WORKDIR as written', ['WORKDIR /srv//data/'], { WorkingDir: '/srv//data/' }],
    ['a relative WORKDIR joined and cleaned', ['WORKDIR /srv', 'WORKDIR app/../web/'], { WorkingDir: '/srv/web' }],
    ['a relative WORKDIR from the root', ['WORKDIR app'], { WorkingDir: '/app' }],
    ['WORKDIR expands variables', ['ENV BASE=/opt', 'WORKDIR $BASE/app'], { Env: ['BASE=/opt'], WorkingDir: '/opt/app' }],
  ];

  test.each(cases)('%s', (_name, changes, expected) => {
    expect(applyChanges(changes)).toEqual(expected);
  });

  const mistakes: Array<[string, string]> = [
    ['RUN apt-get update', 'import change "RUN apt-get update": RUN is not a change berth\'s import makes'],
    ['CMD', 'import change "CMD": CMD requires at least one argument'],
    ['ENV', 'import change "ENV": ENV requires at least one argument'],
    ['ENV A=1 B', 'import change "ENV A=1 B": can\'t find = in "B"; write NAME=VALUE'],
    ['ENV NAME', 'import change "ENV NAME": ENV must have two arguments: a name and a value'],
    ['ENV A=${B:?unset}', 'import change "ENV A=${B:?unset}": the modifier ":?" in ${B...} is not supported; use :-, -, :+ or +'],
    ['ENV A="open', 'import change "ENV A=\\"open": unexpected end of text while looking for the matching double quote'],
    ['   ', 'import change "   ": it is empty'],
  ];

  test.each(mistakes)('%s is refused with what is wrong', (change, message) => {
    let error: unknown;
    try {
      applyChanges([change]);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(BerthError);
    expect((error as BerthError).message).toBe(message);
  });
});
