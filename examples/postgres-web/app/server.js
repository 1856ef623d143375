// Counts visits in Postgres: each request inserts a row and answers with the total.
import http from 'node:http';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
await pool.query('CREATE TABLE IF NOT EXISTS visits (id serial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now())');

http
  .createServer(async (request, response) => {
    try {
      await pool.query('INSERT INTO visits DEFAULT VALUES');
      const { rows } = await pool.query('SELECT count(*)::int AS total FROM visits');
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end(`Hello from berth: ${rows[0].total} visits so far\n`);
    } catch (error) {
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(`database error: ${error.message}\n`);
    }
  })
  .listen(Number(process.env.PORT ?? 8080), () => console.log(`listening on ${process.env.PORT ?? 8080}`));
