import { describe, expect, it } from 'vitest';
import { validateComposeDocument } from '../../../src/compose-spec/schema/index.js';

/** The words of schema problems, as the CLI shows them. */

const service = (body: unknown) => ({ services: { web: body } });

describe('validateComposeDocument', () => {
  it('finds nothing wrong in a valid document', () => {
    expect(validateComposeDocument(service({ image: 'nginx', ports: ['8080:80'] }))).toEqual([]);
  });

  it('names an unknown attribute and suggests the nearest valid one', () => {
    expect(validateComposeDocument(service({ imgae: 'nginx' }))).toEqual([
      { path: ['services', 'web', 'imgae'], message: 'unknown attribute "imgae"', hint: 'did you mean "image"?' },
    ]);
  });

  it('suggests a top-level element for a misspelt one', () => {
    expect(validateComposeDocument({ service: {} })).toEqual([
      { path: ['service'], message: 'unknown attribute "service"', hint: 'did you mean "services"?' },
    ]);
  });

  it('lists a few valid attributes when nothing is close', () => {
    expect(validateComposeDocument({ networks: { front: { colour: 'blue' } } })).toEqual([
      {
        path: ['networks', 'front', 'colour'],
        message: 'unknown attribute "colour"',
        hint: 'valid attributes are "attachable", "driver", "driver_opts", "enable_ipv4", "enable_ipv6", "external" and 4 more; custom attributes must start with "x-"',
      },
    ]);
  });

  it('accepts x- extensions wherever attributes are checked', () => {
    expect(validateComposeDocument({ 'x-a': 1, ...service({ image: 'a', 'x-b': { c: 1 }, build: { context: '.', 'x-c': 2 } }) })).toEqual([]);
  });

  it('says what type was wanted, with an example', () => {
    expect(validateComposeDocument(service({ image: 3 }))).toEqual([
      { path: ['services', 'web', 'image'], message: 'must be a string', expected: 'a string such as "nginx:1.25"' },
    ]);
  });

  it('explains a port written as a mapping by the long syntax, not by the short one', () => {
    expect(validateComposeDocument(service({ ports: [{ target: 'http', published: 8080, protocl: 'tcp' }] }))).toEqual([
      {
        path: ['services', 'web', 'ports', 0, 'protocl'],
        message: 'unknown attribute "protocl"',
        hint: 'did you mean "protocol"?',
      },
      {
        path: ['services', 'web', 'ports', 0, 'target'],
        message: 'must be an integer',
        expected: 'the container port, such as 80',
      },
    ]);
  });

  it('says which forms are accepted when the value fits none', () => {
    expect(validateComposeDocument(service({ ports: [true] }))).toEqual([
      {
        path: ['services', 'web', 'ports', 0],
        message: 'must be a number, a string or a mapping',
        expected: 'a port such as "8080:80" or a mapping with target:',
      },
    ]);
  });

  it('lists the allowed values of an enumeration', () => {
    expect(validateComposeDocument(service({ restart: 'alwayz' }))).toEqual([
      {
        path: ['services', 'web', 'restart'],
        message: '"alwayz" is not one of "no", "always", "on-failure", "unless-stopped"',
        expected: 'a policy such as "unless-stopped" or "on-failure:3"',
      },
    ]);
  });

  it('accepts a restart policy with a retry count', () => {
    expect(validateComposeDocument(service({ restart: 'on-failure:5' }))).toEqual([]);
  });

  it('names a missing required attribute at the mapping that lacks it', () => {
    expect(validateComposeDocument(service({ volumes: [{ type: 'bind', source: '.' }], healthcheck: { test: 'true' }, develop: { watch: [{ path: '.' }] } }))).toEqual([
      { path: ['services', 'web', 'develop', 'watch', 0], message: 'missing required attribute "action"' },
    ]);
    expect(validateComposeDocument(service({ ports: [{ published: 80 }] }))).toEqual([
      {
        path: ['services', 'web', 'ports', 0],
        message: 'missing required attribute "target"',
        expected: 'a port such as "8080:80" or a mapping with target:',
      },
    ]);
  });

  it('points at the repeated entry of a list whose entries must be unique', () => {
    expect(validateComposeDocument(service({ cap_add: ['NET_ADMIN', 'SYS_TIME', 'NET_ADMIN'] }))).toEqual([
      { path: ['services', 'web', 'cap_add', 2], message: 'duplicate entry "NET_ADMIN"', hint: 'remove the repeated entry' },
    ]);
  });

  it('refuses a badly formed service name', () => {
    expect(validateComposeDocument({ services: { 'web app': { image: 'a' } } })).toEqual([
      {
        path: ['services', 'web app'],
        message: 'invalid name "web app"',
        expected: 'a name made of letters, digits, ".", "_" and "-"',
      },
    ]);
  });

  it('says what a duration looks like', () => {
    expect(validateComposeDocument(service({ healthcheck: { interval: '10 s' } }))).toEqual([
      {
        path: ['services', 'web', 'healthcheck', 'interval'],
        message: 'invalid value "10 s"',
        expected: 'a duration such as "30s" or "1m30s"',
      },
    ]);
  });

  it('says the bounds of a number', () => {
    expect(validateComposeDocument(service({ oom_score_adj: -2000, cpu_percent: 150 }))).toEqual([
      { path: ['services', 'web', 'cpu_percent'], message: 'must be at most 100' },
      { path: ['services', 'web', 'oom_score_adj'], message: 'must be at least -1000' },
    ]);
  });

  it('refuses a document whose top level is not a mapping', () => {
    expect(validateComposeDocument(['services'])).toEqual([{ path: [], message: 'must be a mapping' }]);
  });

  it('orders problems by path, then message, whatever the order in the file', () => {
    const issues = validateComposeDocument({
      volumes: { data: { drivr: 'local' } },
      services: { web: { tty: 'maybe', image: 1 }, api: { ports: ['80', '80'] } },
    });
    expect(issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['services.api.ports.1', 'duplicate entry "80"'],
      ['services.web.image', 'must be a string'],
      ['services.web.tty', 'must be a boolean'],
      ['volumes.data.drivr', 'unknown attribute "drivr"'],
    ]);
  });

  it('reports a problem once even when several schemas find it', () => {
    const issues = validateComposeDocument(service({ environment: { A: { nested: true } } }));
    expect(issues).toEqual([
      {
        path: ['services', 'web', 'environment', 'A'],
        message: 'must be a string, a number, a boolean or null',
        expected: 'a string, a number, a boolean or nothing',
      },
    ]);
  });
});
