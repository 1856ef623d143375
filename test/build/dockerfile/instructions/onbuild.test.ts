import { describe, expect, it } from 'vitest';
import { parseOnbuildTrigger, type OnbuildInstruction } from '../../../../src/build/dockerfile/index.js';
import { berthErrorOf } from '../../../helpers/error-of.js';
import { instructionsAfterFrom, parseError, parsedAfterFrom, withoutPosition } from '../parse-helpers.js';

describe('ONBUILD', () => {
  it('parses its trigger and keeps the expression the image config stores', () => {
    expect(parsedAfterFrom('ONBUILD COPY --chown=app . /app/src')).toEqual({
      keyword: 'ONBUILD',
      trigger: {
        keyword: 'COPY',
        startLine: 2,
        endLine: 2,
        text: 'COPY --chown=app . /app/src',
        source: 'ONBUILD COPY --chown=app . /app/src',
        sources: [{ kind: 'path', path: '.' }],
        destination: '/app/src',
        chown: 'app',
        link: false,
      },
      expression: 'COPY --chown=app . /app/src',
    });
  });

  it('reads a trigger in any case', () => {
    expect(parsedAfterFrom('onbuild run make')).toMatchObject({ trigger: { keyword: 'RUN', command: { form: 'shell', command: 'make' } }, expression: 'run make' });
  });

  it('rejects ONBUILD ONBUILD, FROM and MAINTAINER triggers', () => {
    const chained = parseError('FROM alpine\nONBUILD ONBUILD RUN x\n');
    expect(chained.message).toBe("Dockerfile:2: Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
    expect(parseError('FROM alpine\nONBUILD FROM alpine\n').message).toBe("Dockerfile:2: FROM isn't allowed as an ONBUILD trigger");
    expect(parseError('FROM alpine\nONBUILD maintainer me\n').message).toBe("Dockerfile:2: MAINTAINER isn't allowed as an ONBUILD trigger");
  });

  it('rejects an empty ONBUILD and a bad trigger at the ONBUILD line', () => {
    expect(parseError('FROM alpine\nONBUILD\n').message).toBe('Dockerfile:2: ONBUILD requires at least one argument');
    const unknown = parseError('FROM alpine\nONBUILD RUNN make\n');
    expect(unknown.message).toBe('Dockerfile:2: unknown instruction: RUNN');
    expect(unknown.hint).toBe('did you mean RUN?');
    expect(parseError('FROM alpine\nONBUILD COPY --form=x a b\n').message).toBe('Dockerfile:2: unknown flag for COPY: --form');
  });
});

describe('an ONBUILD trigger from a base image', () => {
  it('parses the stored expression, heredocs included, back into its instruction', () => {
    const [onbuild] = instructionsAfterFrom('ONBUILD COPY <<EOF /etc/motd\nhello\nEOF');
    const trigger = parseOnbuildTrigger((onbuild as OnbuildInstruction).expression, 'ONBUILD trigger of base');
    expect(withoutPosition(trigger)).toEqual({
      keyword: 'COPY',
      sources: [{ kind: 'heredoc', name: 'EOF', content: 'hello\n', expand: true }],
      destination: '/etc/motd',
      link: false,
    });
  });

  it('rejects a trigger that is not one allowed instruction, naming its origin', () => {
    expect(berthErrorOf(() => parseOnbuildTrigger('FROM alpine', 'ONBUILD trigger of base')).message).toBe("ONBUILD trigger of base: FROM isn't allowed as an ONBUILD trigger");
    expect(berthErrorOf(() => parseOnbuildTrigger('RUN a\nRUN b', 'ONBUILD trigger of base')).message).toBe('ONBUILD trigger of base: onbuild trigger should be a single expression');
    expect(berthErrorOf(() => parseOnbuildTrigger('RUNN a', 'ONBUILD trigger of base')).message).toBe('ONBUILD trigger of base:1: unknown instruction: RUNN');
  });
});
