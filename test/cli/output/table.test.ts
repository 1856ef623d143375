import { describe, expect, it } from 'vitest';
import { BerthError } from '../../../src/errors/index.js';
import { alignColumns, formatList, renderTable, type ListFormat } from '../../../src/cli/output/table.js';

// The columns and headings of `docker compose ps`.
const ps: ListFormat = {
  columns: ['Name', 'Image', 'Command', 'Service', 'RunningFor', 'Status', 'Ports'],
  headers: { Name: 'NAME', Image: 'IMAGE', Command: 'COMMAND', Service: 'SERVICE', RunningFor: 'CREATED', Status: 'STATUS', Ports: 'PORTS', State: 'STATE', Publishers: 'PUBLISHERS' },
};

const web = {
  Name: 'demo-web-1',
  Image: 'nginx:1.25',
  Command: '"/docker-entrypoint.…"',
  Service: 'web',
  RunningFor: '2 minutes ago',
  Status: 'Up 2 minutes',
  Ports: '0.0.0.0:8080->80/tcp',
  State: 'running',
  Publishers: [{ URL: '0.0.0.0', TargetPort: 80, PublishedPort: 8080, Protocol: 'tcp' }],
};
const db = { ...web, Name: 'demo-db-1', Image: 'postgres:15', Command: '"docker-entrypoint.s…"', Service: 'db', Ports: '', Publishers: [] };

describe('renderTable', () => {
  it('pads each column to its widest cell plus three spaces', () => {
    expect(renderTable([['NAME', 'IMAGE'], ['demo-web-1', 'nginx']])).toBe('NAME         IMAGE\ndemo-web-1   nginx\n');
  });

  it('makes a column at least ten wide, as the docker CLI tabwriter does', () => {
    expect(renderTable([['ID', 'NAME'], ['1', 'a']])).toBe('ID        NAME\n1         a\n');
  });
});

describe('alignColumns', () => {
  it('aligns a column only across the consecutive lines that have it', () => {
    expect(alignColumns(['a\tb\tc', 'longer text\tb', 'no tabs', 'x\ty'])).toEqual(['a             b         c', 'longer text   b', 'no tabs', 'x         y']);
  });

  it('counts characters, not bytes', () => {
    expect(alignColumns(['café-service\tx', 'db\ty'])).toEqual(['café-service   x', 'db             y']);
  });
});

describe('formatList', () => {
  it('prints the default table by default, headings even with nothing to list', () => {
    expect(formatList([], undefined, ps)).toBe('NAME      IMAGE     COMMAND   SERVICE   CREATED   STATUS    PORTS\n');
    expect(formatList([], 'table', ps)).toBe('NAME      IMAGE     COMMAND   SERVICE   CREATED   STATUS    PORTS\n');
  });

  it('lines rows up under the headings, keeping the trailing spaces before an empty last column', () => {
    expect(formatList([db, web], undefined, ps)).toBe(
      'NAME         IMAGE         COMMAND                  SERVICE   CREATED         STATUS         PORTS\n' +
        'demo-db-1    postgres:15   "docker-entrypoint.s…"   db        2 minutes ago   Up 2 minutes   \n' +
        'demo-web-1   nginx:1.25    "/docker-entrypoint.…"   web       2 minutes ago   Up 2 minutes   0.0.0.0:8080->80/tcp\n',
    );
  });

  it('prints a bare template once per row, without headings', () => {
    expect(formatList([db, web], '{{.Name}}', ps)).toBe('demo-db-1\ndemo-web-1\n');
    expect(formatList([web], '{{ .Service }}: {{.State}}', ps)).toBe('web: running\n');
  });

  it('turns a typed \\t into a tab, aligning only in table mode', () => {
    expect(formatList([web], '{{.Name}}\\t{{.State}}', ps)).toBe('demo-web-1\trunning\n');
    expect(formatList([db, web], 'table {{.Name}}\\t{{.State}}', ps)).toBe('NAME         STATE\ndemo-db-1    running\ndemo-web-1   running\n');
  });

  it('prints one JSON object per line with keys sorted, as docker does', () => {
    const line = formatList([{ Service: 'web', Name: 'demo-web-1', Publishers: [{ URL: '0.0.0.0', TargetPort: 80 }] }], 'json', ps);
    expect(line).toBe('{"Name":"demo-web-1","Publishers":[{"URL":"0.0.0.0","TargetPort":80}],"Service":"web"}\n');
    expect(formatList([], 'json', ps)).toBe('');
  });

  it('supports json inside a template and nested field access', () => {
    expect(formatList([web], '{{json .Publishers}}', ps)).toBe('[{"URL":"0.0.0.0","TargetPort":80,"PublishedPort":8080,"Protocol":"tcp"}]\n');
    expect(formatList([web], '{{json .Name}}', ps)).toBe('"demo-web-1"\n');
    expect(formatList([{ ...web, Publishers: { first: 'x' } }], '{{.Publishers.first}}', ps)).toBe('x\n');
  });

  it('trims the whitespace that {{- and -}} ask to', () => {
    expect(formatList([web], 'name:   {{- .Name -}}   !', ps)).toBe('name:demo-web-1!\n');
  });

  it('refuses an unknown field as bad usage, naming the fields there are, even with nothing to list', () => {
    let caught: unknown;
    try {
      formatList([], '{{.Nmae}}', ps);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(BerthError);
    const error = caught as BerthError;
    expect([error.code, error.kind, error.message]).toEqual(['FORMAT_TEMPLATE', 'usage', "--format: can't evaluate field Nmae"]);
    expect(error.hint).toContain('.Name, .Image');
  });

  it('refuses template features it does not implement rather than print them wrongly', () => {
    expect(() => formatList([web], '{{range .Publishers}}x{{end}}', ps)).toThrow(/is not supported/);
    expect(() => formatList([web], '{{.Name', ps)).toThrow(/unclosed action/);
  });
});
