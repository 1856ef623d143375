import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../../../src/build/dockerfile/index.js';
import { parseError, withoutPosition } from '../parse-helpers.js';

const fromOf = (line: string) => withoutPosition(parseDockerfile(`${line}\n`).stages[0]!.from);

describe('FROM', () => {
  it('reads the image, the AS name lowercased, and --platform, all as written', () => {
    expect(fromOf('FROM --platform=$BUILDPLATFORM golang:1.22 AS Builder')).toEqual({ keyword: 'FROM', image: 'golang:1.22', stageName: 'builder', platform: '$BUILDPLATFORM' });
  });

  it('reads scratch and a variable image', () => {
    expect(fromOf('FROM scratch')).toEqual({ keyword: 'FROM', image: 'scratch' });
    expect(fromOf('FROM ${BASE:-alpine}')).toEqual({ keyword: 'FROM', image: '${BASE:-alpine}' });
  });

  it('accepts AS in any case', () => {
    expect(fromOf('FROM alpine as base').stageName).toBe('base');
  });

  it('rejects two words, four words, or a second word other than AS', () => {
    for (const line of ['FROM', 'FROM alpine base', 'FROM alpine AS a b', 'FROM alpine IS base']) {
      const error = parseError(`${line}\n`);
      expect(error.message).toBe('Dockerfile:1: FROM requires either one or three arguments');
      expect(error.hint).toBe('write FROM <image> or FROM <image> AS <name>');
    }
  });

  it('rejects a stage name that starts with a digit or holds symbols', () => {
    const error = parseError('FROM alpine AS 1st\n');
    expect(error.message).toBe('Dockerfile:1: invalid name for build stage: "1st", name can\'t start with a number or contain symbols');
    expect(parseError('FROM alpine AS my/stage\n').message).toBe('Dockerfile:1: invalid name for build stage: "my/stage", name can\'t start with a number or contain symbols');
  });

  it('accepts digits, dots, dashes and underscores after the first letter', () => {
    expect(fromOf('FROM alpine AS web-1.0_x').stageName).toBe('web-1.0_x');
  });

  it('rejects flags other than --platform', () => {
    expect(parseError('FROM --plaform=linux/arm64 alpine\n').hint).toBe('did you mean --platform?');
  });
});
