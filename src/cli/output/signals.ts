/** The part of `process` the helper listens on, so tests can hand it an EventEmitter. */
export interface SignalSource {
  on(signal: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
  off(signal: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
}

export interface InterruptHandlers {
  /** First Ctrl+C (or SIGTERM): stop the containers gracefully. */
  onGraceful(): void;
  /** Second one: kill them. */
  onForce(): void;
}

/**
 * Ctrl+C during an attached `up`, as Docker Compose handles it: the first SIGINT or SIGTERM asks
 * for a graceful stop, the second for a kill. After the second the listeners are gone, so a third
 * gets Node's default and ends the process, a way out if killing hangs. Returns the disposer that
 * removes the listeners; call it when `up` returns.
 */
export function onInterrupts(handlers: InterruptHandlers, source: SignalSource = process): () => void {
  let received = 0;
  const dispose = (): void => {
    source.off('SIGINT', listener);
    source.off('SIGTERM', listener);
  };
  const listener = (): void => {
    received++;
    if (received === 1) {
      handlers.onGraceful();
    } else {
      dispose();
      handlers.onForce();
    }
  };
  source.on('SIGINT', listener);
  source.on('SIGTERM', listener);
  return dispose;
}
