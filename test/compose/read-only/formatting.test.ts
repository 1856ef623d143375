import { describe, expect, test } from 'vitest';
import { eventJson, eventText } from '../../../src/cli/commands/events-format.js';
import { repositoryAndTag } from '../../../src/cli/commands/images-reference.js';
import { humanSize } from '../../../src/cli/commands/images-size.js';
import { engineTimestamp } from '../../../src/cli/commands/logs-timestamp.js';
import { prettyColumns } from '../../../src/cli/commands/pretty-columns.js';
import { displayablePorts } from '../../../src/cli/commands/ps-ports.js';
import { humanDuration } from '../../../src/format/human-duration.js';

// The pure parts of the read-only commands, against what Docker Compose prints for the same input.

describe('ps PORTS', () => {
  test('shows a published port as host address, host port and private port', () => {
    expect(displayablePorts([{ IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' }])).toBe('0.0.0.0:8080->80/tcp');
  });

  test('puts an IPv6 host address in brackets', () => {
    expect(displayablePorts([{ IP: '::', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' }])).toBe('[::]:8080->80/tcp');
  });

  test('groups consecutive ports published as themselves into a range, unpublished ones alone', () => {
    const ports = [8000, 8001, 8002].map((port) => ({ IP: '127.0.0.1', PrivatePort: port, PublicPort: port, Type: 'tcp' as const }));
    expect(displayablePorts([...ports, { PrivatePort: 53, Type: 'udp' }])).toBe('53/udp, 127.0.0.1:8000-8002->8000-8002/tcp');
  });
});

describe('sizes and ages', () => {
  test('sizes have three significant digits in decimal units', () => {
    expect([512, 1985580, 1_000_000_000, 123_456_789].map(humanSize)).toEqual(['512B', '1.99MB', '1GB', '123MB']);
  });

  test("ages read as Docker's", () => {
    expect([500, 1000, 42_000, 90_000, 7_200_000, 3 * 86_400_000].map(humanDuration)).toEqual([
      'Less than a second', '1 second', '42 seconds', 'About a minute', '2 hours', '3 days',
    ]);
  });
});

describe('--since and --until', () => {
  const now = Date.parse('2024-05-01T12:00:00Z');

  test('count a duration back from now, in whole seconds', () => {
    expect(engineTimestamp('--since', '42m', now)).toBe(String((now - 42 * 60_000) / 1000));
  });

  test('turn an RFC 3339 time into seconds and nanoseconds', () => {
    expect(engineTimestamp('--since', '2013-01-02T13:23:37.5Z', now)).toBe('1357133017.500000000');
  });

  test('pass Unix seconds as they are, and refuse anything else by name', () => {
    expect(engineTimestamp('--until', '1700000000.25', now)).toBe('1700000000.25');
    expect(() => engineTimestamp('--until', 'yesterday', now)).toThrow('--until: failed to parse value as time or duration: "yesterday"');
  });
});

describe('images REPOSITORY and TAG', () => {
  test('show Docker Hub names in their short form, latest when untagged', () => {
    expect(repositoryAndTag('docker.io/library/busybox')).toEqual({ repository: 'busybox', tag: 'latest' });
    expect(repositoryAndTag('localhost:5000/app:1')).toEqual({ repository: 'localhost:5000/app', tag: '1' });
  });

  test('show no tag for a digest and nothing for an image id', () => {
    expect(repositoryAndTag(`busybox@sha256:${'a'.repeat(64)}`)).toEqual({ repository: 'busybox', tag: '' });
    expect(repositoryAndTag(`sha256:${'b'.repeat(64)}`)).toEqual({ repository: '', tag: '' });
  });
});

describe('Compose tables', () => {
  test('pad every cell but the last to the widest in its column plus 3, at least the minimum', () => {
    expect(prettyColumns([['NAME', 'STATUS'], ['a-long-project-name', 'running(1)']], 20)).toBe(`${'NAME'.padEnd(22)}STATUS\n${'a-long-project-name'.padEnd(22)}running(1)\n`);
    expect(prettyColumns([['A', 'B'], ['x', 'y']], 20)).toBe(`${'A'.padEnd(20)}B\n${'x'.padEnd(20)}y\n`);
  });
});

describe('events', () => {
  const event = { timeNano: Date.parse('2024-05-01T10:00:00Z') * 1e6 + 123_456_000, service: 'web', container: 'abc', action: 'start', attributes: { image: 'busybox', name: 'demo-web-1' } };

  test("text: time to the microsecond, action, id and attributes", () => {
    expect(eventText(event)).toMatch(/^2024-05-01 \d\d:00:00\.123456 container start abc \(image=busybox, name=demo-web-1\)\n$/);
  });

  test('json: the keys Compose prints, in its order', () => {
    expect(Object.keys(JSON.parse(eventJson(event)) as object)).toEqual(['action', 'attributes', 'id', 'service', 'time', 'type']);
  });
});
