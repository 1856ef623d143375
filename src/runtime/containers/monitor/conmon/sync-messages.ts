/**
 * conmon's sync pipe (`_OCI_SYNCPIPE`) carries JSON objects with no separator between them:
 * `{"data": PID}` once `runc create` succeeded, or `{"data": -1, "message": "RUNC STDERR"}` when
 * it failed (API version 1; version 0 said "pid" instead of "data"). This splits a byte stream
 * into those objects as they complete.
 */
export interface SyncMessage {
  data: number;
  message?: string;
}

export class SyncMessageReader {
  private buffered = '';

  /** Feeds more text and returns every message it completed. */
  push(text: string): SyncMessage[] {
    this.buffered += text;
    const messages: SyncMessage[] = [];
    for (;;) {
      const end = objectEnd(this.buffered);
      if (end < 0) return messages;
      const message = parseMessage(this.buffered.slice(0, end));
      this.buffered = this.buffered.slice(end).trimStart();
      if (message) messages.push(message);
    }
  }
}

/** The index just past the first complete top-level object, or -1. Strings may hold braces. */
function objectEnd(text: string): number {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (inString) {
      if (char === '\\') index += 1;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{') depth += 1;
    else if (char === '}') {
      depth -= 1;
      if (depth === 0) return index + 1;
    }
  }
  return -1;
}

function parseMessage(text: string): SyncMessage | undefined {
  try {
    const value = JSON.parse(text) as Record<string, unknown>;
    const data = value.data ?? value.pid;
    if (typeof data !== 'number') return undefined;
    return typeof value.message === 'string' ? { data, message: value.message } : { data };
  } catch {
    return undefined;
  }
}
