import { describe, expect, it } from 'vitest';
import { ComposeError } from '../../../src/compose-spec/compose-error.js';
import { normalizeService } from '../../../src/compose-spec/normalize/index.js';
import { testContext } from './normalize-context.js';

describe('environment and env_file', () => {
  it('fills file values under explicit ones, a later file over an earlier one', () => {
    const context = testContext({}, { '/p/a.env': { A: 'a', B: 'a', C: 'a' }, '/p/b.env': { B: 'b', C: 'b' } });
    const service = normalizeService('web', { image: 'x', env_file: ['/p/a.env', '/p/b.env'], environment: { C: 'explicit' } }, context);
    expect(service.environment).toStrictEqual({ A: 'a', B: 'b', C: 'explicit' });
    expect(service.env_file).toBeUndefined();
  });

  it('asks the reader for raw values when the format is raw', () => {
    const calls: unknown[] = [];
    const context = { ...testContext(), readEnvFile: (path: string, options: unknown) => (calls.push([path, options]), new Map()) };
    normalizeService('web', { image: 'x', env_file: [{ path: '/p/raw.env', format: 'raw' }, '/p/plain.env'] }, context);
    expect(calls).toStrictEqual([
      ['/p/raw.env', { raw: true, required: true }],
      ['/p/plain.env', { raw: false, required: true }],
    ]);
  });

  it('skips a missing optional file and refuses a missing required one', () => {
    const context = testContext();
    expect(normalizeService('web', { image: 'x', env_file: [{ path: '/p/none.env', required: false }] }, context).environment).toBeUndefined();
    let error: unknown;
    try {
      normalizeService('web', { image: 'x', env_file: ['/p/ok.env', '/p/none.env'] }, testContext({}, { '/p/ok.env': {} }));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ComposeError);
    expect((error as ComposeError).message).toBe(
      'services.web.env_file[1]: env file /p/none.env not found: expected an existing file, or an entry with required: false',
    );
    expect((error as ComposeError).hint).toBe('create /p/none.env, or write the entry as {path: /p/none.env, required: false} if it is optional');
  });

  it('keeps env_file and unresolved names when the environment is not resolved', () => {
    const context = testContext({ HOME: '/root' }, {}, false);
    const service = normalizeService('web', { image: 'x', env_file: '/p/a.env', environment: ['HOME'] }, context);
    expect(service.environment).toStrictEqual({ HOME: null });
    expect(service.env_file).toStrictEqual([{ path: '/p/a.env', required: true }]);
  });
});
