import { createHash } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../../src/files/write-file-atomic.js';
import { ContextCatalogue } from '../../../src/api/contexts/index.js';
import { tempProject } from '../../helpers/temp-project.js';
import { berthErrorOf } from '../../helpers/error-of.js';
import { tempConfig } from './temp-config.js';

function metaFile(configDirectory: string, name: string): string {
  return join(configDirectory, 'contexts', 'meta', createHash('sha256').update(name).digest('hex'), 'meta.json');
}

describe("berth's context store", () => {
  it("writes a context in the docker CLI's on-disk format", () => {
    const config = tempConfig();
    new ContextCatalogue({ env: config.env }).create({ name: 'dev', host: 'tcp://10.0.0.1', description: 'dev box' });
    expect(readFileSync(metaFile(config.berthConfig, 'dev'), 'utf8')).toBe(
      '{"Name":"dev","Metadata":{"Description":"dev box"},"Endpoints":{"docker":{"Host":"tcp://10.0.0.1:2375","SkipTLSVerify":false}}}',
    );
  });

  it('reads back what it wrote, beside the built-in default, in natural order', () => {
    const config = tempConfig();
    const catalogue = new ContextCatalogue({ env: config.env });
    catalogue.create({ name: 'node10', host: '/run/ten.sock' });
    catalogue.create({ name: 'node9', host: 'unix:///run/nine.sock', description: 'nine' });
    const { contexts, warnings } = new ContextCatalogue({ env: config.env }).list();
    expect(warnings).toEqual([]);
    expect(contexts.map((context) => [context.name, context.host, context.description, context.store, context.readOnly])).toEqual([
      ['default', 'unix:///run/berth/berth.sock', "berth's built-in engine", 'built-in', true],
      ['node9', 'unix:///run/nine.sock', 'nine', 'berth', false],
      ['node10', 'unix:///run/ten.sock', '', 'berth', false],
    ]);
  });

  it('forgets a removed context, its directory included', () => {
    const config = tempConfig();
    const catalogue = new ContextCatalogue({ env: config.env });
    catalogue.create({ name: 'dev', host: 'tcp://a' });
    catalogue.remove('dev', { force: false, current: 'default' });
    expect(existsSync(join(metaFile(config.berthConfig, 'dev'), '..'))).toBe(false);
    expect(catalogue.find('dev')).toBeUndefined();
  });

  it('keeps the current context in config.json and leaves its other keys alone', () => {
    const config = tempConfig();
    mkdirSync(config.berthConfig, { recursive: true });
    writeFileSync(join(config.berthConfig, 'config.json'), '{"auths":{"registry.local":{}}}');
    const catalogue = new ContextCatalogue({ env: config.env });
    catalogue.create({ name: 'dev', host: 'tcp://a' });
    catalogue.use('dev');
    expect(JSON.parse(readFileSync(join(config.berthConfig, 'config.json'), 'utf8'))).toEqual({ auths: { 'registry.local': {} }, currentContext: 'dev' });
    expect(statSync(join(config.berthConfig, 'config.json')).mode & 0o777).toBe(0o600);
    catalogue.use('default');
    expect(JSON.parse(readFileSync(join(config.berthConfig, 'config.json'), 'utf8'))).toEqual({ auths: { 'registry.local': {} } });
  });

  it('creates no configuration file when switching to the context already in use', () => {
    const config = tempConfig();
    new ContextCatalogue({ env: config.env }).use('default');
    expect(existsSync(config.berthConfig)).toBe(false);
  });

  it('goes back to default when the current context is removed with force', () => {
    const config = tempConfig();
    const catalogue = new ContextCatalogue({ env: config.env });
    catalogue.create({ name: 'dev', host: 'tcp://a' });
    catalogue.use('dev');
    expect(berthErrorOf(() => catalogue.remove('dev', { force: false, current: 'dev' })).code).toBe('CONTEXT_IN_USE');
    catalogue.remove('dev', { force: true, current: 'dev' });
    expect(catalogue.storedCurrent()).toBe('default');
  });

  it('refuses to remove default, as bad usage, and a missing context unless forced', () => {
    const catalogue = new ContextCatalogue({ env: tempConfig().env });
    expect(berthErrorOf(() => catalogue.remove('default', { force: true, current: 'x' })).kind).toBe('usage');
    expect(berthErrorOf(() => catalogue.remove('ghost', { force: false, current: 'default' })).code).toBe('CONTEXT_NOT_FOUND');
    expect(() => catalogue.remove('ghost', { force: true, current: 'default' })).not.toThrow();
  });

  it.each([
    ['default', 'USAGE', '"default" is a reserved context name: it always means berth\'s own engine'],
    ['x', 'USAGE', 'context name "x" is invalid'],
    ['-dash', 'USAGE', 'context name "-dash" is invalid'],
    ['has space', 'USAGE', 'context name "has space" is invalid'],
    ['dev', 'CONTEXT_EXISTS', 'context "dev" already exists'],
  ])('refuses to create a context named %j', (name, code, message) => {
    const catalogue = new ContextCatalogue({ env: tempConfig().env });
    catalogue.create({ name: 'dev', host: 'tcp://a' });
    const error = berthErrorOf(() => catalogue.create({ name, host: 'tcp://b' }));
    expect([error.code, error.message]).toEqual([code, message]);
  });

  it('refuses a host it could not connect to, before storing anything', () => {
    const config = tempConfig();
    const error = berthErrorOf(() => new ContextCatalogue({ env: config.env }).create({ name: 'web', host: 'http://box' }));
    expect(error.message).toBe('engine host "http://box" (from --host) uses a scheme berth does not support');
    expect(existsSync(metaFile(config.berthConfig, 'web'))).toBe(false);
  });

  it('says which file is broken when config.json is not JSON', () => {
    const config = tempConfig();
    mkdirSync(config.berthConfig, { recursive: true });
    writeFileSync(join(config.berthConfig, 'config.json'), '{"currentContext":');
    const error = berthErrorOf(() => new ContextCatalogue({ env: config.env }).storedCurrent());
    expect(error.code).toBe('CONFIG_UNREADABLE');
    expect(error.message).toContain(join(config.berthConfig, 'config.json'));
  });
});

describe('atomic writes', () => {
  it('replaces the file by renaming a new one over it, so a reader never sees it half written', () => {
    const directory = tempProject({ 'meta.json': 'old' });
    const path = join(directory, 'meta.json');
    // A hard link keeps the old inode: an in-place rewrite would change what it reads, a rename does not.
    linkSync(path, join(directory, 'reader-view'));
    writeFileAtomic(path, 'new', 0o644);
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(readFileSync(join(directory, 'reader-view'), 'utf8')).toBe('old');
    expect(readdirSync(directory).sort()).toEqual(['meta.json', 'reader-view']);
  });

  it('leaves the old file and no temporary file behind when the rename fails', () => {
    const directory = tempProject({ 'target/inside': 'kept' });
    expect(() => writeFileAtomic(join(directory, 'target'), 'new', 0o644)).toThrow();
    expect(readdirSync(directory)).toEqual(['target']);
    expect(readFileSync(join(directory, 'target', 'inside'), 'utf8')).toBe('kept');
  });
});
