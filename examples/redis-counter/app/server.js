// Counts visits in Redis and says which replica answered. No npm dependencies: the few Redis
// commands it needs go over node:net in RESP, Redis's wire protocol.
const http = require('node:http');
const net = require('node:net');
const os = require('node:os');

const redisHost = process.env.REDIS_HOST ?? 'redis';

/**
 * Sends one command on a connection of its own and resolves with the reply. Only single-line
 * replies are parsed (`+OK`, `:42`, `-ERR ...`), which is all PING and INCR answer.
 */
function redis(...args) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(6379, redisHost);
    let reply = '';
    socket.setEncoding('utf8');
    socket.setTimeout(5_000, () => socket.destroy(new Error('Redis did not answer within 5 s')));
    socket.on('error', reject);
    socket.on('connect', () => socket.write(`*${args.length}\r\n${args.map((arg) => `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`).join('')}`));
    socket.on('data', (chunk) => {
      reply += chunk;
      if (!reply.endsWith('\r\n')) return;
      socket.end();
      const [type, value] = [reply[0], reply.slice(1, -2)];
      if (type === '-') reject(new Error(value));
      else resolve(type === ':' ? Number(value) : value);
    });
  });
}

const server = http.createServer(async (request, response) => {
  try {
    if (request.url === '/health') {
      await redis('PING');
      response.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
      return;
    }
    if (request.url === '/crash') {
      // A failure for the restart policy to repair: the engine starts this container again.
      response.writeHead(200, { 'content-type': 'text/plain' }).end(`${os.hostname()} exits with status 1\n`, () => process.exit(1));
      return;
    }
    const count = await redis('INCR', 'visits');
    // The hostname is the container's short id, so each replica answers with its own.
    response.writeHead(200, { 'content-type': 'text/plain' }).end(`Hello from ${os.hostname()}: ${count} visits so far\n`);
  } catch (error) {
    response.writeHead(500, { 'content-type': 'text/plain' }).end(`redis error: ${error.message}\n`);
  }
});

const port = Number(process.env.PORT ?? 8080);
server.listen(port, () => console.log(`${os.hostname()} listening on ${port}`));

// As PID 1, node gets no default SIGTERM handling: without this, `down` would wait out its
// timeout. Every visit is already in Redis, so there is nothing to finish first.
process.once('SIGTERM', () => process.exit(0));
