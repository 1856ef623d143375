import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { onInterrupts } from '../../../src/cli/output/signals.js';

function setUp() {
  const source = new EventEmitter();
  const handlers = { onGraceful: vi.fn(), onForce: vi.fn() };
  const dispose = onInterrupts(handlers, source);
  return { source, handlers, dispose };
}

describe('onInterrupts', () => {
  it('asks for a graceful stop on the first Ctrl+C and a kill on the second', () => {
    const { source, handlers } = setUp();
    source.emit('SIGINT');
    expect([handlers.onGraceful.mock.calls.length, handlers.onForce.mock.calls.length]).toEqual([1, 0]);
    source.emit('SIGINT');
    expect([handlers.onGraceful.mock.calls.length, handlers.onForce.mock.calls.length]).toEqual([1, 1]);
  });

  it('counts SIGTERM like SIGINT', () => {
    const { source, handlers } = setUp();
    source.emit('SIGTERM');
    source.emit('SIGINT');
    expect([handlers.onGraceful.mock.calls.length, handlers.onForce.mock.calls.length]).toEqual([1, 1]);
  });

  it('lets go of the signals after the second, so a third ends the process the default way', () => {
    const { source } = setUp();
    source.emit('SIGINT');
    source.emit('SIGINT');
    expect([source.listenerCount('SIGINT'), source.listenerCount('SIGTERM')]).toEqual([0, 0]);
  });

  it('removes its listeners when disposed', () => {
    const { source, handlers, dispose } = setUp();
    dispose();
    source.emit('SIGTERM');
    expect([source.listenerCount('SIGINT'), source.listenerCount('SIGTERM'), handlers.onGraceful.mock.calls.length]).toEqual([0, 0, 0]);
  });
});
