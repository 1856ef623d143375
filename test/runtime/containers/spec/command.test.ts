import { describe, expect, it } from 'vitest';
import { commandArgv, mergeCommand, type CommandConfig } from '../../../../src/runtime/containers/spec/command.js';
import { berthErrorOf } from '../../../helpers/error-of.js';

const both: CommandConfig = { Entrypoint: ['/bin/echo', 'ep'], Cmd: ['cmd'] };
const none: CommandConfig = {};

/** What dockerd 20.10 answered (inspect's Path + Args, or its 400), for an image with both and one with neither. */
const dockerTable: [string, CommandConfig, CommandConfig, string[] | 'no command'][] = [
  ['nothing set runs the image entrypoint with the image cmd', {}, both, ['/bin/echo', 'ep', 'cmd']],
  ['a cmd replaces the image cmd and keeps its entrypoint', { Cmd: ['x'] }, both, ['/bin/echo', 'ep', 'x']],
  ['an entrypoint drops the image cmd', { Entrypoint: ['e'] }, both, ['e']],
  ['an entrypoint with a cmd runs both', { Entrypoint: ['e'], Cmd: ['x'] }, both, ['e', 'x']],
  ['an empty entrypoint clears the image entrypoint but keeps its cmd', { Entrypoint: [] }, both, ['cmd']],
  ['an empty entrypoint with a cmd runs the cmd alone', { Entrypoint: [], Cmd: ['x'] }, both, ['x']],
  ['an entrypoint of one empty string drops the image entrypoint and cmd', { Entrypoint: [''] }, both, 'no command'],
  ['an entrypoint of one empty string with a cmd runs the cmd alone', { Entrypoint: [''], Cmd: ['x'] }, both, ['x']],
  ['an empty cmd counts as unset', { Cmd: [] }, both, ['/bin/echo', 'ep', 'cmd']],
  ['null entrypoint and cmd count as unset', { Entrypoint: null, Cmd: null }, both, ['/bin/echo', 'ep', 'cmd']],
  ['an entrypoint starting with an empty string is kept as given', { Entrypoint: ['', 'a'] }, both, ['', 'a']],
  ['a cmd of one empty string is an argument', { Cmd: [''] }, both, ['/bin/echo', 'ep', '']],
  ['an image with neither and a container with neither has no command', {}, none, 'no command'],
  ['an image with neither runs the container cmd', { Cmd: ['x'] }, none, ['x']],
  ['an image with neither runs the container entrypoint', { Entrypoint: ['e'] }, none, ['e']],
  ['an image with neither and an empty entrypoint has no command', { Entrypoint: [] }, none, 'no command'],
  ['an image with neither and an empty cmd has no command', { Cmd: [] }, none, 'no command'],
  ['an image with neither runs a cmd of one empty string', { Cmd: [''] }, none, ['']],
];

describe("argv merging, Docker's table", () => {
  it.each(dockerTable)('%s', (_name, container, image, expected) => {
    const merged = mergeCommand(container, image);
    if (expected === 'no command') {
      expect(berthErrorOf(() => commandArgv(merged, 'x/both:1')).code).toBe('CONTAINER_NO_COMMAND');
    } else {
      expect(commandArgv(merged, 'x/both:1')).toEqual(expected);
    }
  });

  it('shows the merged Entrypoint and Cmd as inspect shows them', () => {
    expect(mergeCommand({ Entrypoint: ['e'] }, both)).toEqual({ Entrypoint: ['e'], Cmd: null });
    expect(mergeCommand({ Entrypoint: [] }, both)).toEqual({ Entrypoint: [], Cmd: ['cmd'] });
    expect(mergeCommand({ Entrypoint: [''], Cmd: ['x'] }, both)).toEqual({ Entrypoint: null, Cmd: ['x'] });
  });

  it('names the image and the fix when there is nothing to run', () => {
    const error = berthErrorOf(() => commandArgv(mergeCommand({}, none), 'registry.local/tools:2'));
    expect(error.kind).toBe('usage');
    expect(error.message).toBe('no command specified: image registry.local/tools:2 has no ENTRYPOINT or CMD, and the container sets no entrypoint or command');
    expect(error.hint).toContain('command:');
  });
});
