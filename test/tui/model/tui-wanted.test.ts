import { describe, expect, it } from 'vitest';
import { tuiWanted } from '../../../src/cli/commands/tui-choice.js';

const terminal = { stdin: { isTTY: true }, stdout: { isTTY: true } };

describe('tuiWanted: whether berth up opens the terminal UI', () => {
  it('opens it when stdin and stdout are a terminal', () => {
    expect(tuiWanted(true, { TERM: 'xterm-256color' }, terminal)).toBe(true);
  });

  it('does not when stdout or stdin is a pipe', () => {
    expect(tuiWanted(true, {}, { stdin: { isTTY: true }, stdout: { isTTY: false } })).toBe(false);
    expect(tuiWanted(true, {}, { stdin: {}, stdout: { isTTY: true } })).toBe(false);
  });

  it('does not under CI', () => {
    expect(tuiWanted(true, { CI: 'true' }, terminal)).toBe(false);
    expect(tuiWanted(true, { CI: '1' }, terminal)).toBe(false);
  });

  it('does when CI is set to say no', () => {
    expect(tuiWanted(true, { CI: 'false' }, terminal)).toBe(true);
    expect(tuiWanted(true, { CI: '0' }, terminal)).toBe(true);
    expect(tuiWanted(true, { CI: '' }, terminal)).toBe(true);
  });

  it('does not with BERTH_TUI=0 or BERTH_TUI=false', () => {
    expect(tuiWanted(true, { BERTH_TUI: '0' }, terminal)).toBe(false);
    expect(tuiWanted(true, { BERTH_TUI: 'false' }, terminal)).toBe(false);
    expect(tuiWanted(true, { BERTH_TUI: '1' }, terminal)).toBe(true);
  });

  it('does not with --no-tui', () => {
    expect(tuiWanted(false, {}, terminal)).toBe(false);
  });

  it('does not on a dumb terminal', () => {
    expect(tuiWanted(true, { TERM: 'dumb' }, terminal)).toBe(false);
  });
});
