import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findComposeFiles } from '../../../src/compose-spec/discovery/find-compose-files.js';
import { tempProject } from '../../helpers/temp-project.js';

const quiet = { warn: () => {} };

describe('finding compose files', () => {
  it('finds compose.yaml and its override file in the working directory', () => {
    const dir = tempProject({ 'compose.yaml': 'services: {}\n', 'compose.override.yaml': 'services: {}\n' });
    expect(findComposeFiles({ workingDir: dir, environment: {}, ...quiet })).toEqual([join(dir, 'compose.yaml'), join(dir, 'compose.override.yaml')]);
  });

  it('walks up from a subdirectory to the nearest compose file', () => {
    const dir = tempProject({ 'docker-compose.yml': 'services: {}\n', 'src/deep/.keep': '' });
    expect(findComposeFiles({ workingDir: join(dir, 'src/deep'), environment: {}, ...quiet })).toEqual([join(dir, 'docker-compose.yml')]);
  });

  it('prefers compose.yaml over docker-compose.yml and warns that both exist', () => {
    const dir = tempProject({ 'compose.yaml': '', 'docker-compose.yml': '' });
    const warnings: string[] = [];
    const files = findComposeFiles({ workingDir: dir, environment: {}, warn: (message) => warnings.push(message) });
    expect(files).toEqual([join(dir, 'compose.yaml')]);
    expect(warnings[0]).toContain('Found multiple config files with supported names');
  });

  it('takes -f files in the order given, relative to the working directory', () => {
    const dir = tempProject({ 'a.yaml': '', 'b.yaml': '', 'compose.yaml': '' });
    expect(findComposeFiles({ workingDir: dir, files: ['b.yaml', 'a.yaml'], environment: {}, ...quiet })).toEqual([join(dir, 'b.yaml'), join(dir, 'a.yaml')]);
  });

  it('reads COMPOSE_FILE with its path separator when no -f is given', () => {
    const dir = tempProject({ 'a.yaml': '', 'b.yaml': '' });
    const environment = { COMPOSE_FILE: 'a.yaml;b.yaml', COMPOSE_PATH_SEPARATOR: ';' };
    expect(findComposeFiles({ workingDir: dir, environment, ...quiet })).toEqual([join(dir, 'a.yaml'), join(dir, 'b.yaml')]);
  });

  it('passes "-" through as standard input', () => {
    expect(findComposeFiles({ workingDir: '/', files: ['-'], environment: {}, ...quiet })).toEqual(['-']);
  });

  it('says which file named with -f is missing', () => {
    const dir = tempProject({});
    expect(() => findComposeFiles({ workingDir: dir, files: ['nope.yaml'], environment: {}, ...quiet })).toThrow(`compose file ${join(dir, 'nope.yaml')} does not exist`);
  });

  it('says where it looked when there is no compose file at all', () => {
    const dir = tempProject({});
    expect(() => findComposeFiles({ workingDir: dir, environment: {}, ...quiet })).toThrow(/^no configuration file provided: not found \(looked for compose\.yaml, compose\.yml, docker-compose\.yml, docker-compose\.yaml in /);
  });
});
