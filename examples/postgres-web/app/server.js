// Counts visits in Postgres: each request to / inserts a row and answers with the total.
import http from 'node:http';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
await pool.query('CREATE TABLE IF NOT EXISTS visits (id serial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now())');

const server = http.createServer(async (request, response) => {
  try {
    if (request.url === '/health') {
      await pool.query('SELECT 1');
      response.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
      return;
    }
    await pool.query('INSERT INTO visits DEFAULT VALUES');
    const { rows } = await pool.query('SELECT count(*)::int AS total FROM visits');
    response.writeHead(200, { 'content-type': 'text/plain' }).end(`Hello from berth: ${rows[0].total} visits so far\n`);
  } catch (error) {
    response.writeHead(500, { 'content-type': 'text/plain' }).end(`database error: ${error.message}\n`);
  }
});

const port = Number(process.env.PORT ?? 8080);
server.listen(port, () => console.log(`listening on ${port}`));

// As PID 1, node gets no default SIGTERM handling: without this, `down` would wait out its timeout.
process.once('SIGTERM', () => {
  server.close();
  pool.end().then(() => process.exit(0));
});
