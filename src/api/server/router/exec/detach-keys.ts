import { Transform, type TransformCallback } from 'node:stream';

/** Docker's default detach sequence, ctrl-p then ctrl-q. */
const defaultDetachKeys = Buffer.from([16, 17]);

/** `ctrl-@` is 0, `ctrl-a` 1 ... `ctrl-z` 26, then `ctrl-[`, `ctrl-\`, `ctrl-]`, `ctrl-^`, `ctrl-_`. */
const controlNames = ['ctrl-@', ...Array.from({ length: 26 }, (_, index) => `ctrl-${String.fromCharCode(97 + index)}`), 'ctrl-[', 'ctrl-\\', 'ctrl-]', 'ctrl-^', 'ctrl-_'];

/**
 * Docker's `--detach-keys` format: comma-separated keys, each a single character, `ctrl-X` or
 * `DEL`. Empty is Docker's default. Undefined for a key Docker does not know: the caller answers
 * `Invalid detach keys (...) provided`.
 */
export function parseDetachKeys(text: string | undefined): Buffer | undefined {
  if (!text) return defaultDetachKeys;
  const codes: number[] = [];
  for (const key of text.split(',')) {
    if (key.length === 1) codes.push(key.charCodeAt(0));
    else if (controlNames.includes(key)) codes.push(controlNames.indexOf(key));
    else if (key === 'DEL') codes.push(127);
    else return undefined;
  }
  return Buffer.from(codes);
}

/**
 * A terminal client's input with the detach sequence taken out, as Docker's escape proxy does:
 * bytes that begin the sequence are held back until it is complete (then 'detach' is emitted and
 * nothing more passes) or broken (then they pass on). Only a TTY session detaches this way.
 */
export class DetachKeysFilter extends Transform {
  private matched = 0;
  private detached = false;

  constructor(private readonly keys: Buffer) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (this.detached) return done();
    const passed: number[] = [];
    for (const byte of chunk) {
      if (byte === this.keys[this.matched]) {
        this.matched += 1;
        if (this.matched < this.keys.length) continue;
        this.detached = true;
        if (passed.length > 0) this.push(Buffer.from(passed));
        this.emit('detach');
        return done();
      }
      passed.push(...this.keys.subarray(0, this.matched), byte);
      this.matched = byte === this.keys[0] ? 1 : 0;
      if (this.matched === 1) passed.pop();
    }
    if (passed.length > 0) this.push(Buffer.from(passed));
    done();
  }
}
