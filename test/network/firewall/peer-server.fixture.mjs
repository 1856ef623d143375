// A server for the firewall tests, run inside a network namespace (`ip netns exec NS node THIS tcp|udp PORT`):
// it answers each TCP connection and each UDP datagram with the peer address it saw, and writes
// "ready" on stdout once it listens.
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';

const [protocol, port] = process.argv.slice(2);
if (protocol === 'tcp') {
  createServer((socket) => socket.end(`${socket.remoteAddress}\n`)).listen(Number(port), '0.0.0.0', () => console.log('ready'));
} else {
  const socket = createSocket('udp4');
  socket.on('message', (_message, peer) => socket.send(`${peer.address}\n`, peer.port, peer.address));
  socket.bind(Number(port), '0.0.0.0', () => console.log('ready'));
}
