import { describe, expect, it } from 'vitest';
import { urlNotice } from '../../../src/tui/keys/handle-key.js';

describe('urlNotice: what o shows for a service', () => {
  it('gives an http URL for a published TCP port', () => {
    expect(urlNotice(['127.0.0.1:8080->80'], 'web')).toBe('web: http://127.0.0.1:8080/');
  });

  it('points a port published on every address at localhost', () => {
    expect(urlNotice(['0.0.0.0:3000->3000'], 'api')).toBe('api: http://127.0.0.1:3000/');
  });

  it('lists every TCP port once, leaving UDP out', () => {
    expect(urlNotice(['0.0.0.0:8080->80', '0.0.0.0:8443->443', '0.0.0.0:5353->53/udp', '0.0.0.0:8080->80'], 'web')).toBe('web: http://127.0.0.1:8080/  http://127.0.0.1:8443/');
  });

  it('says when there is no TCP port to open', () => {
    expect(urlNotice([], 'db')).toBe('db publishes no TCP port');
    expect(urlNotice(['0.0.0.0:5353->53/udp'], 'dns')).toBe('dns publishes no TCP port');
  });
});
