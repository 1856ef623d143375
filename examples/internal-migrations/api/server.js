// The tasks API: GET /tasks lists the rows the migrations made, POST /tasks {"title": ...} adds one.
// It creates no tables itself; the migrate job has run before it starts.
import http from 'node:http';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });

/** Answers with `body` as JSON. */
function send(response, status, body) {
  response.writeHead(status, { 'content-type': 'application/json' }).end(`${JSON.stringify(body)}\n`);
}

async function readJson(request) {
  let text = '';
  for await (const chunk of request) text += chunk;
  return JSON.parse(text);
}

async function addTask(request, response) {
  const { title } = await readJson(request).catch(() => ({}));
  if (typeof title !== 'string' || title === '') return send(response, 400, { error: 'send {"title": "..."}' });
  const { rows } = await pool.query('INSERT INTO tasks (title) VALUES ($1) RETURNING id, title, done', [title]);
  send(response, 201, rows[0]);
}

const server = http.createServer(async (request, response) => {
  try {
    if (request.url === '/health') {
      await pool.query('SELECT 1');
      return send(response, 200, { status: 'ok' });
    }
    if (request.url !== '/tasks') return send(response, 404, { error: 'try GET or POST /tasks' });
    if (request.method === 'POST') return await addTask(request, response);
    const { rows } = await pool.query('SELECT id, title, done FROM tasks ORDER BY id');
    send(response, 200, rows);
  } catch (error) {
    send(response, 500, { error: `database error: ${error.message}` });
  }
});

const port = Number(process.env.PORT ?? 8080);
server.listen(port, () => console.log(`listening on ${port}`));

// As PID 1, node gets no default SIGTERM handling: without this, `down` would wait out its timeout.
process.once('SIGTERM', () => {
  server.close();
  pool.end().then(() => process.exit(0));
});
