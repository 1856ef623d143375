import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { badParameter } from './api-error.js';

/**
 * The body of an upgraded request (exec start sends `{"Detach":false,"Tty":false}` with
 * `Upgrade: tcp`). Node's parser stops at the headers of an upgrade, so the body is the first
 * `Content-Length` bytes of what follows them: in `head`, and on the socket when `head` is short.
 * Returns the body and what came after it, which is the client's first stream input.
 */
export async function takeUpgradeBody(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<{ body: Buffer; rest: Buffer }> {
  const length = Number(request.headers['content-length'] ?? 0);
  if (!Number.isSafeInteger(length) || length < 0 || length > 1024 * 1024) throw badParameter(`invalid Content-Length ${JSON.stringify(request.headers['content-length'])}`);
  let buffered = head;
  while (buffered.length < length) {
    const piece = await nextPiece(socket);
    if (!piece) break;
    buffered = Buffer.concat([buffered, piece]);
  }
  return { body: buffered.subarray(0, length), rest: buffered.subarray(length) };
}

function nextPiece(socket: Duplex): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const done = (piece?: Buffer): void => {
      socket.off('data', done);
      socket.off('end', ended);
      socket.off('close', ended);
      socket.pause();
      resolve(piece);
    };
    const ended = (): void => done(undefined);
    socket.on('data', done);
    socket.once('end', ended);
    socket.once('close', ended);
    socket.resume();
  });
}
