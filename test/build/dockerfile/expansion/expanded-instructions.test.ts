import { describe, expect, it } from 'vitest';
import { EXPANDED_INSTRUCTIONS, expandsVariables } from '../../../../src/build/dockerfile/index.js';

describe('which instructions the builder expands', () => {
  it('lists the Dockerfile reference’s instructions plus ARG', () => {
    expect([...EXPANDED_INSTRUCTIONS].sort()).toEqual(['ADD', 'ARG', 'COPY', 'ENV', 'EXPOSE', 'FROM', 'LABEL', 'ONBUILD', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR']);
  });

  it('leaves RUN, CMD, ENTRYPOINT, SHELL and HEALTHCHECK to the shell', () => {
    for (const keyword of ['RUN', 'CMD', 'ENTRYPOINT', 'SHELL', 'HEALTHCHECK', 'MAINTAINER'] as const) expect(expandsVariables(keyword)).toBe(false);
    expect(expandsVariables('WORKDIR')).toBe(true);
  });
});
