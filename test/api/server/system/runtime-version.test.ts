import { describe, expect, it } from 'vitest';
import { parseRuntimeVersion, runtimeVersionReader } from '../../../../src/api/server/router/system/runtime-version.js';

describe('the OCI runtime version', () => {
  it('is read from runc --version: its version and its commit', () => {
    const output = 'runc version 1.1.5+ds1\ncommit: 1.1.5+ds1-1+deb12u1\nspec: 1.0.2-dev\ngo: go1.19.8\nlibseccomp: 2.5.4\n';
    expect(parseRuntimeVersion(output)).toEqual({ version: '1.1.5+ds1', commit: '1.1.5+ds1-1+deb12u1' });
  });

  it('is unknown for output that names no version', () => {
    expect(parseRuntimeVersion('usage: runc\n')).toBeUndefined();
  });

  it('of a runtime that cannot be run is left out, not an error', async () => {
    await expect(runtimeVersionReader('/nonexistent/runc')()).resolves.toBeUndefined();
  });
});
