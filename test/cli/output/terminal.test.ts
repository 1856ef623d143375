import { describe, expect, it } from 'vitest';
import { colourEnabled } from '../../../src/cli/output/terminal.js';

describe('colourEnabled', () => {
  const tty = { isTTY: true };
  const pipe = { isTTY: false };

  it('colours a terminal and not a pipe with --ansi auto', () => {
    expect(colourEnabled('auto', tty, {})).toBe(true);
    expect(colourEnabled('auto', pipe, {})).toBe(false);
  });

  it('follows --ansi always and never whatever the stream', () => {
    expect(colourEnabled('always', pipe, {})).toBe(true);
    expect(colourEnabled('never', tty, {})).toBe(false);
  });

  it('lets a non-empty NO_COLOR win, even over --ansi always, as Compose does', () => {
    expect(colourEnabled('auto', tty, { NO_COLOR: '1' })).toBe(false);
    expect(colourEnabled('always', tty, { NO_COLOR: 'yes' })).toBe(false);
    expect(colourEnabled('auto', tty, { NO_COLOR: '' })).toBe(true);
  });
});
