import { describe, expect, test } from 'vitest';
import { TcpFrames, frame } from '../../../src/network/dns/tcp-frames.js';

describe('DNS over TCP framing', () => {
  test('a message is its length then its bytes', () => {
    expect(frame(Buffer.from('abc'))).toEqual(Buffer.from([0, 3, 0x61, 0x62, 0x63]));
  });

  test('messages split across reads and packed into one read come out whole and in order', () => {
    const frames = new TcpFrames();
    const stream = Buffer.concat([frame(Buffer.from('first')), frame(Buffer.from('second')), frame(Buffer.alloc(300, 7))]);
    const out: Buffer[] = [];
    for (const [start, end] of [[0, 1], [1, 4], [4, 15], [15, stream.length - 1], [stream.length - 1, stream.length]] as const) out.push(...frames.push(stream.subarray(start, end)));
    expect(out.map((message) => message.length)).toEqual([5, 6, 300]);
    expect(out[0]?.toString()).toBe('first');
    expect(out[1]?.toString()).toBe('second');
  });
});
