import { describe, expect, it } from 'vitest';
import { encodeFilters, encodeQuery, pathSegment } from '../../../src/api/client/query.js';

describe('encodeFilters', () => {
  it('encodes filters as Docker expects them: JSON of lists in the filters parameter', () => {
    const filters = encodeFilters({ label: ['com.docker.compose.project=demo'] });
    expect(filters).toBe('{"label":["com.docker.compose.project=demo"]}');
    expect(encodeQuery({ all: true, filters })).toBe('?all=1&filters=%7B%22label%22%3A%5B%22com.docker.compose.project%3Ddemo%22%5D%7D');
  });

  it('sorts keys and values and drops duplicates, so equal filters give equal URLs', () => {
    expect(encodeFilters({ status: ['running', 'exited', 'running'], label: ['b=2', 'a=1'] })).toBe('{"label":["a=1","b=2"],"status":["exited","running"]}');
  });

  it('leaves the parameter out for no filters or only empty ones', () => {
    expect(encodeFilters(undefined)).toBeUndefined();
    expect(encodeFilters({})).toBeUndefined();
    expect(encodeFilters({ label: [] })).toBeUndefined();
    expect(encodeQuery({ filters: encodeFilters({ label: [] }) })).toBe('');
  });
});

describe('encodeQuery', () => {
  it('sends booleans as 1 and 0, leaves undefined out and repeats lists', () => {
    expect(encodeQuery({ force: true, v: false, t: 10, signal: undefined, changes: ['CMD ["sh"]', 'ENV A=b'] })).toBe('?force=1&v=0&t=10&changes=CMD+%5B%22sh%22%5D&changes=ENV+A%3Db');
  });
});

describe('pathSegment', () => {
  it('keeps the slashes, colons and at signs of image references', () => {
    expect(pathSegment('localhost:5000/library/busybox:1.36')).toBe('localhost:5000/library/busybox:1.36');
    expect(pathSegment('busybox@sha256:abc')).toBe('busybox@sha256:abc');
  });

  it('escapes what would change the URL', () => {
    expect(pathSegment('a?b#c d%')).toBe('a%3Fb%23c%20d%25');
  });
});
