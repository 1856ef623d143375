import { describe, expect, it } from 'vitest';
import { printable } from '../../../src/tui/model/printable.js';

describe('printable', () => {
  it('removes colour codes from a container line', () => {
    expect(printable('\u001b[1;31mERROR\u001b[0m disk full')).toBe('ERROR disk full');
  });

  it('removes cursor moves, screen clears and alternate-screen switches', () => {
    expect(printable('\u001b[2J\u001b[H\u001b[?1049hhello\u001b[10;5H there\u001b[K')).toBe('hello there');
  });

  it('removes a window-title OSC, ended by BEL or by ST', () => {
    expect(printable('\u001b]0;pwned\u0007after')).toBe('after');
    expect(printable('\u001b]2;pwned\u001b\\after')).toBe('after');
  });

  it('removes control characters: bell, backspace, NUL, DEL and C1 controls', () => {
    expect(printable('a\u0007b\u0008c\u0000d\u007fe\u009bf')).toBe('abcdef');
  });

  it('drops the carriage return of a CRLF line and a stray CR inside', () => {
    expect(printable('done\r')).toBe('done');
    expect(printable('50%\r100%')).toBe('50%100%');
  });

  it('turns a tab into four spaces', () => {
    expect(printable('key\tvalue')).toBe('key    value');
  });

  it('leaves ordinary and non-ASCII text alone', () => {
    expect(printable('GET /café ✓ 200 — 3 ms')).toBe('GET /café ✓ 200 — 3 ms');
  });
});
