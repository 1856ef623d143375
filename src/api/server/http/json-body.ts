import type { IncomingMessage } from 'node:http';
import { badParameter } from './api-error.js';

/** Bodies larger than this are refused: no create or connect request comes near it. */
const maxJsonBody = 16 * 1024 * 1024;

/** The request body as JSON; an empty body is `{}`, as dockerd takes it. */
export async function readJsonBody<T>(request: IncomingMessage): Promise<T> {
  const pieces: Buffer[] = [];
  let size = 0;
  for await (const piece of request as AsyncIterable<Buffer>) {
    size += piece.length;
    if (size > maxJsonBody) throw badParameter(`the request body is larger than ${maxJsonBody} bytes`);
    pieces.push(piece);
  }
  return parseJsonBody<T>(Buffer.concat(pieces));
}

/** A body already read (an upgraded request's), as readJsonBody parses it. */
export function parseJsonBody<T>(bytes: Buffer): T {
  const text = bytes.toString('utf8');
  if (text.trim() === '') return {} as T;
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw badParameter(`invalid JSON in the request body: ${(error as Error).message}`);
  }
}
