import { expect, test } from 'vitest';
import { describeAsRoot } from '../../harness/root.js';
import { useBuildServer, type BuildFixture } from './build-fixture.js';

/** The two clients that send a context: the docker CLI (its own .dockerignore reading) and berth's (src/build/context). */
const clients = {
  'docker build': async (fixture: BuildFixture, directory: string, tag: string) => {
    const built = await fixture.build(directory, '-t', tag);
    return { ok: built.exitCode === 0, output: built.stdout, error: built.stderr };
  },
  'berth\'s context tar': async (fixture: BuildFixture, directory: string, tag: string) => {
    const built = await fixture.rawBuild(directory, { query: { t: tag } });
    return { ok: built.error === undefined, output: built.output, error: built.error ?? '' };
  },
};

describeAsRoot('.dockerignore', () => {
  const fixture = useBuildServer();

  async function listing(image: string): Promise<string[]> {
    const { log } = await fixture.run(image, ['sh', '-c', 'cd /ctx && find . -mindepth 1 | sort']);
    return log.split('\n').filter((line) => line !== '');
  }

  test.each(Object.keys(clients) as Array<keyof typeof clients>)('ignored files are not in the image and `!` exceptions bring files back (%s)', async (client) => {
    const base = await fixture.base();
    const directory = fixture.project({
      Dockerfile: `FROM ${base}\nCOPY . /ctx/\n`,
      '.dockerignore': ['# build output and logs', '*.log', '!keep.log', 'secret', '**/tmp', 'docs/**', '!docs/keep/**', 'docs/keep/drop.md', ''].join('\n'),
      'app.js': 'app\n',
      'debug.log': 'noise\n',
      'keep.log': 'kept\n',
      'secret/key.pem': 'key\n',
      'src/tmp/scratch.txt': 'scratch\n',
      'src/main.js': 'main\n',
      'docs/other.md': 'other\n',
      'docs/keep/a.md': 'a\n',
      'docs/keep/drop.md': 'drop\n',
    });
    const tag = `ignore-rules-${client === 'docker build' ? 'cli' : 'berth'}:1`;
    const built = await clients[client](fixture, directory, tag);
    expect(built.ok, built.error + built.output).toBe(true);
    expect(await listing(tag)).toEqual([
      './.dockerignore',
      './Dockerfile',
      './app.js',
      './docs',
      './docs/keep',
      './docs/keep/a.md',
      './keep.log',
      './src',
      './src/main.js',
    ]);
  });

  test.each(Object.keys(clients) as Array<keyof typeof clients>)('a Dockerfile and .dockerignore the rules exclude still build, but COPY . does not copy them (%s)', async (client) => {
    const base = await fixture.base();
    const directory = fixture.project({
      Dockerfile: `FROM ${base}\nCOPY . /ctx/\n`,
      '.dockerignore': 'Dockerfile\n.dockerignore\n',
      'app.js': 'app\n',
    });
    const tag = `ignore-self-${client === 'docker build' ? 'cli' : 'berth'}:1`;
    const built = await clients[client](fixture, directory, tag);
    expect(built.ok, built.error + built.output).toBe(true);
    expect(await listing(tag)).toEqual(['./app.js']);
  });

  test('COPY of a file the rules exclude fails, naming the file', async () => {
    const base = await fixture.base();
    const directory = fixture.project({ Dockerfile: `FROM ${base}\nCOPY config.local /etc/\n`, '.dockerignore': '*.local\n', 'config.local': 'x\n' });
    const built = await fixture.build(directory, '-t', 'ignore-copy:1');
    expect(built.exitCode).not.toBe(0);
    expect(built.stderr).toMatch(/config\.local.*not found/);
  });
});
