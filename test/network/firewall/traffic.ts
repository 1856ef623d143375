import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { connect } from 'node:net';

/**
 * Clients for the firewall tests. Every server in a test answers with the peer address it saw
 * (lab.servePeerAddress), so a request returns that address: proof the traffic arrived, and from
 * where.
 */

/** Connects from the host and returns what the server wrote before closing. */
export function tcpRequest(host: string, port: number, timeoutMs = 3_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    let text = '';
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no answer from ${host}:${port} within ${timeoutMs} ms`)));
    socket.setEncoding('utf8').on('data', (piece: string) => (text += piece));
    socket.on('error', reject);
    socket.on('close', () => resolve(text.trim()));
  });
}

/** Sends one datagram from the host and returns the answer. */
export function udpRequest(host: string, port: number, timeoutMs = 3_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error(`no answer from ${host}:${port}/udp within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on('message', (message) => {
      clearTimeout(timer);
      socket.close();
      resolve(message.toString('utf8').trim());
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      socket.close();
      reject(error);
    });
    socket.send('ping\n', port, host);
  });
}

export interface NamespaceAnswer {
  /** What the server answered, trimmed; empty when nothing came back. */
  answer: string;
  code: number | null;
}

/** The same request from inside a network namespace, with socat there. */
export function requestFromNamespace(namespace: string, protocol: 'tcp' | 'udp', host: string, port: number, timeoutSeconds = 2): Promise<NamespaceAnswer> {
  const address = protocol === 'tcp' ? `TCP:${host}:${port},connect-timeout=${timeoutSeconds}` : `UDP:${host}:${port}`;
  return new Promise((resolve, reject) => {
    const child = spawn('ip', ['netns', 'exec', namespace, 'socat', `-T${timeoutSeconds}`, '-', address], { stdio: ['pipe', 'pipe', 'ignore'] });
    let answer = '';
    child.stdout.setEncoding('utf8').on('data', (piece: string) => (answer += piece));
    child.on('error', reject);
    child.on('close', (code) => resolve({ answer: answer.trim(), code }));
    child.stdin.end('ping\n');
  });
}
