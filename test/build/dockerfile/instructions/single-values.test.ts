import { describe, expect, it } from 'vitest';
import { parseError, parsedAfterFrom } from '../parse-helpers.js';

describe('WORKDIR, USER, STOPSIGNAL and MAINTAINER', () => {
  it('take the whole rest of the line as their argument', () => {
    expect(parsedAfterFrom('WORKDIR /app/$NAME')).toEqual({ keyword: 'WORKDIR', path: '/app/$NAME' });
    expect(parsedAfterFrom('WORKDIR "/my dir"')).toEqual({ keyword: 'WORKDIR', path: '"/my dir"' });
    expect(parsedAfterFrom('USER app:staff')).toEqual({ keyword: 'USER', user: 'app:staff' });
    expect(parsedAfterFrom('STOPSIGNAL SIGQUIT')).toEqual({ keyword: 'STOPSIGNAL', signal: 'SIGQUIT' });
    expect(parsedAfterFrom('MAINTAINER Jane Doe <jane@example.com>')).toEqual({ keyword: 'MAINTAINER', maintainer: 'Jane Doe <jane@example.com>' });
  });

  it('reject a missing argument', () => {
    const error = parseError('FROM alpine\nWORKDIR\n');
    expect(error.message).toBe('Dockerfile:2: WORKDIR requires exactly one argument');
    expect(error.hint).toBe('write WORKDIR <path>');
    expect(parseError('FROM alpine\nUSER\n').message).toBe('Dockerfile:2: USER requires exactly one argument');
    expect(parseError('FROM alpine\nSTOPSIGNAL\n').message).toBe('Dockerfile:2: STOPSIGNAL requires exactly one argument');
  });
});

describe('EXPOSE', () => {
  it('reads each blank-separated port, protocol and variable as written', () => {
    expect(parsedAfterFrom('EXPOSE 80/tcp 53/udp   $PORTS')).toEqual({ keyword: 'EXPOSE', ports: ['80/tcp', '53/udp', '$PORTS'] });
  });

  it('rejects an EXPOSE without ports', () => {
    expect(parseError('FROM alpine\nEXPOSE\n').message).toBe('Dockerfile:2: EXPOSE requires at least one argument');
  });
});

describe('VOLUME', () => {
  it('reads the JSON form and a blank-separated list', () => {
    expect(parsedAfterFrom('VOLUME ["/data", " /logs "]')).toEqual({ keyword: 'VOLUME', paths: ['/data', '/logs'] });
    expect(parsedAfterFrom('VOLUME /data /logs')).toEqual({ keyword: 'VOLUME', paths: ['/data', '/logs'] });
  });

  it('rejects an empty path and an empty list', () => {
    const error = parseError('FROM alpine\nVOLUME ["/data", " "]\n');
    expect(error.message).toBe('Dockerfile:2: VOLUME specified can not be an empty string');
    expect(parseError('FROM alpine\nVOLUME []\n').message).toBe('Dockerfile:2: VOLUME requires at least one argument');
  });
});
