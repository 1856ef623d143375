import { describe, expect, it } from 'vitest';
import { normalizeProjectName, resolveProjectName } from '../../src/compose-spec/project-name.js';

describe('the project name', () => {
  it('comes from -p before COMPOSE_PROJECT_NAME, name: and the directory', () => {
    expect(resolveProjectName({ flag: 'a', environment: 'b', model: 'c', projectDirectory: '/x/d' })).toEqual({ name: 'a', source: '--project-name' });
    expect(resolveProjectName({ environment: 'b', model: 'c', projectDirectory: '/x/d' })).toEqual({ name: 'b', source: 'COMPOSE_PROJECT_NAME' });
    expect(resolveProjectName({ model: 'c', projectDirectory: '/x/d' })).toEqual({ name: 'c', source: 'name' });
    expect(resolveProjectName({ projectDirectory: '/x/d' })).toEqual({ name: 'd', source: 'directory' });
  });

  it('is made valid when it comes from a directory name', () => {
    expect(resolveProjectName({ projectDirectory: '/home/me/My App.v2' }).name).toBe('myappv2');
    expect(normalizeProjectName('__Web-Site')).toBe('web-site');
  });

  it('is refused with Compose\'s rule and a corrected suggestion when the user gave an invalid one', () => {
    expect(() => resolveProjectName({ flag: 'My App', projectDirectory: '/x' })).toThrow(
      'invalid project name "My App" (from --project-name): must consist only of lowercase alphanumeric characters, hyphens, and underscores as well as start with a letter or number',
    );
    const refused = (() => {
      try {
        resolveProjectName({ model: '-web', projectDirectory: '/x' });
      } catch (error) {
        return error as { hint: string };
      }
    })();
    expect(refused?.hint).toBe('use "web" instead');
  });

  it('cannot come from a directory whose name has no valid character', () => {
    expect(() => resolveProjectName({ projectDirectory: '/x/___' })).toThrow('project name could not be derived from the directory name "___"');
  });
});
