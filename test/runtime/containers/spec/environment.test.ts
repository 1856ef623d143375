import { describe, expect, it } from 'vitest';
import { defaultPath, mergeConfigEnv, processEnvironment } from '../../../../src/runtime/containers/spec/environment.js';

describe('Config.Env merging', () => {
  it("keeps the container's entries as given, then the image's it does not name (as dockerd 20.10 shows)", () => {
    expect(mergeConfigEnv(['A=c', 'C', 'A=d', 'PATH'], ['A=img', 'B=img', 'PATH=/img'])).toEqual(['A=c', 'C', 'A=d', 'PATH', 'B=img']);
  });

  it("is the image's list when the container gives none or an empty list", () => {
    expect(mergeConfigEnv(undefined, ['A=img'])).toEqual(['A=img']);
    expect(mergeConfigEnv([], ['A=img'])).toEqual(['A=img']);
    expect(mergeConfigEnv(null, null)).toEqual([]);
  });
});

describe('the process environment', () => {
  const base = { hostname: 'web', tty: false, home: '/root' };

  it("starts from Docker's PATH and HOSTNAME, then HOME from the user's passwd entry", () => {
    expect(processEnvironment({ ...base, env: [] })).toEqual([`PATH=${defaultPath}`, 'HOSTNAME=web', 'HOME=/root']);
  });

  it('adds TERM=xterm with a TTY', () => {
    expect(processEnvironment({ ...base, tty: true, env: [] })).toContain('TERM=xterm');
    expect(processEnvironment({ ...base, env: [] }).some((entry) => entry.startsWith('TERM='))).toBe(false);
  });

  it('replaces defaults in place and appends the rest, as dockerd 20.10 orders them', () => {
    expect(processEnvironment({ ...base, tty: true, env: ['A=1', 'PATH=/x'] })).toEqual(['PATH=/x', 'HOSTNAME=web', 'TERM=xterm', 'A=1', 'HOME=/root']);
  });

  it('removes a default named without a value', () => {
    expect(processEnvironment({ ...base, env: ['PATH'] })).toEqual(['HOSTNAME=web', 'HOME=/root']);
  });

  it('keeps one entry per name, with the later value', () => {
    expect(processEnvironment({ ...base, env: ['A=c', 'A=d'] })).toEqual([`PATH=${defaultPath}`, 'HOSTNAME=web', 'A=d', 'HOME=/root']);
  });

  it('keeps a HOME the container sets, and replaces an empty one as runc does', () => {
    expect(processEnvironment({ ...base, env: ['HOME=/data'] })).toContain('HOME=/data');
    expect(processEnvironment({ ...base, env: ['HOME='] })).toContain('HOME=/root');
  });
});
