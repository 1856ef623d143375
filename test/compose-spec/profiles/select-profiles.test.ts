import { describe, expect, it } from 'vitest';
import { selectProfiles } from '../../../src/compose-spec/profiles/index.js';

const services = {
  web: {},
  db: {},
  debugger: { profiles: ['debug'] },
  mock: { profiles: ['dev', 'test'] },
  seed: { profiles: ['dev'] },
};

describe('profiles', () => {
  it('enable only services without profiles when none is active', () => {
    const selection = selectProfiles(services, { profiles: [], services: [] });
    expect(selection.enabled).toEqual(['db', 'web']);
    expect([...selection.disabled.keys()]).toEqual(['debugger', 'mock', 'seed']);
  });

  it('enable the services that name an active profile', () => {
    expect(selectProfiles(services, { profiles: ['test'], services: [] }).enabled).toEqual(['db', 'mock', 'web']);
  });

  it('enable everything with "*"', () => {
    expect(selectProfiles(services, { profiles: ['*'], services: [] }).enabled).toEqual(['db', 'debugger', 'mock', 'seed', 'web']);
  });

  it('follow a service named on the command line: its profiles become active', () => {
    expect(selectProfiles(services, { profiles: [], services: ['seed'] }).enabled).toEqual(['db', 'mock', 'seed', 'web']);
  });

  it('list every profile any service names', () => {
    expect(selectProfiles(services, { profiles: [], services: [] }).allProfiles).toEqual(['debug', 'dev', 'test']);
  });

  it('refuse a service name that the project does not define', () => {
    expect(() => selectProfiles(services, { profiles: [], services: ['wbe'] })).toThrow('no such service: wbe');
  });
});
