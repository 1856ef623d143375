import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../../src/build/dockerfile/index.js';
import { parseError, withoutPosition } from './parse-helpers.js';

const MULTI_STAGE = `# syntax=docker/dockerfile:1
ARG NODE_VERSION=20
ARG APP

FROM node:\${NODE_VERSION} AS Deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci

FROM deps AS build
COPY . .
RUN npm run build

FROM --platform=linux/amd64 nginx:alpine
COPY --from=build /app/dist /usr/share/nginx/html
EXPOSE 80
CMD ["nginx", "-g", "daemon off;"]
`;

describe('parsing a Dockerfile into stages', () => {
  it('groups instructions by FROM, numbers and names the stages, and keeps the ARGs before the first FROM as global args', () => {
    const dockerfile = parseDockerfile(MULTI_STAGE);
    expect(dockerfile.file).toBe('Dockerfile');
    expect(dockerfile.directives).toEqual({ syntax: 'docker/dockerfile:1', escape: '\\' });
    expect(dockerfile.globalArgs.map(withoutPosition)).toEqual([
      { keyword: 'ARG', args: [{ name: 'NODE_VERSION', defaultValue: '20' }] },
      { keyword: 'ARG', args: [{ name: 'APP' }] },
    ]);
    expect(dockerfile.stages.map((stage) => ({ index: stage.index, name: stage.name, from: withoutPosition(stage.from), keywords: stage.instructions.map((i) => i.keyword) }))).toEqual([
      { index: 0, name: 'deps', from: { keyword: 'FROM', image: 'node:${NODE_VERSION}', stageName: 'deps' }, keywords: ['WORKDIR', 'COPY', 'RUN'] },
      { index: 1, name: 'build', from: { keyword: 'FROM', image: 'deps', stageName: 'build' }, keywords: ['COPY', 'RUN'] },
      { index: 2, name: undefined, from: { keyword: 'FROM', image: 'nginx:alpine', platform: 'linux/amd64' }, keywords: ['COPY', 'EXPOSE', 'CMD'] },
    ]);
    expect(dockerfile.warnings).toEqual([]);
  });

  it('leaves an unnamed stage without a name property', () => {
    expect(parseDockerfile('FROM alpine\n').stages[0]).not.toHaveProperty('name');
  });

  it('keeps each instruction’s first and last line, its text on one line and its source as written', () => {
    const [run] = parseDockerfile('FROM alpine\n\nRUN apk add \\\n      curl \\\n      git\nUSER app\n').stages[0]!.instructions;
    expect(run).toMatchObject({
      startLine: 3,
      endLine: 5,
      text: 'RUN apk add       curl       git',
      source: 'RUN apk add \\\n      curl \\\n      git',
    });
  });

  it('counts heredoc bodies in the instruction’s lines', () => {
    const [copy, user] = parseDockerfile('FROM alpine\nCOPY <<EOF /a\none\ntwo\nEOF\nUSER app\n').stages[0]!.instructions;
    expect(copy).toMatchObject({ startLine: 2, endLine: 5, text: 'COPY <<EOF /a', source: 'COPY <<EOF /a\none\ntwo\nEOF' });
    expect(user).toMatchObject({ startLine: 6, endLine: 6 });
  });

  it('reads keywords in any case', () => {
    const dockerfile = parseDockerfile('from alpine as Base\nrun echo hi\nWorkDir /app\n');
    expect(dockerfile.stages[0]?.name).toBe('base');
    expect(dockerfile.stages[0]?.instructions.map((i) => i.keyword)).toEqual(['RUN', 'WORKDIR']);
  });

  it('accepts Windows line endings and a byte-order mark', () => {
    const dockerfile = parseDockerfile('\ufeffFROM alpine\r\nRUN echo a \\\r\n  b\r\n');
    expect(withoutPosition(dockerfile.stages[0]!.instructions[0]!)).toMatchObject({ command: { form: 'shell', command: 'echo a   b' } });
  });

  it('reads a classic tab-separated Dockerfile as BuildKit does', () => {
    const text = [
      'FROM\tubuntu:14.04',
      'LABEL\tmaintainer\tJane Doe <jane@example.com> (@jane)',
      'RUN\tapt-get update && apt-get install -yq \\',
      '\tcurl \\',
      '\t--no-install-recommends',
      'ENV\tPLATFORMS\t\\',
      '\tlinux/386 linux/arm \\',
      '\tdarwin/amd64',
      "RUN\t/bin/echo -e '[default]\\nkey=$KEY' > /.s3cfg",
      'ENTRYPOINT\t["hack/dind"]',
      'COPY\t.\t/go/src',
    ].join('\n');
    expect(parseDockerfile(text).stages[0]!.instructions.map(withoutPosition)).toEqual([
      { keyword: 'LABEL', pairs: [{ key: 'maintainer', value: 'Jane Doe <jane@example.com> (@jane)' }] },
      { keyword: 'RUN', command: { form: 'shell', command: 'apt-get update && apt-get install -yq \tcurl \t--no-install-recommends' }, heredocs: [], mounts: [], network: 'default', security: 'sandbox' },
      { keyword: 'ENV', pairs: [{ key: 'PLATFORMS', value: 'linux/386 linux/arm \tdarwin/amd64' }] },
      { keyword: 'RUN', command: { form: 'shell', command: "/bin/echo -e '[default]\\nkey=$KEY' > /.s3cfg" }, heredocs: [], mounts: [], network: 'default', security: 'sandbox' },
      { keyword: 'ENTRYPOINT', command: { form: 'exec', args: ['hack/dind'] } },
      { keyword: 'COPY', sources: [{ kind: 'path', path: '.' }], destination: '/go/src', link: false },
    ]);
  });

  it('names the file given in error messages', () => {
    expect(parseError('FROM alpine\nRUNN x\n', 'docker/dev.Dockerfile').message).toBe('docker/dev.Dockerfile:2: unknown instruction: RUNN');
  });
});

describe('a Dockerfile without a build stage', () => {
  it('rejects an empty file, naming it', () => {
    const error = parseError('');
    expect(error.message).toBe('Dockerfile: no build stage in Dockerfile');
    expect(error.hint).toBe('the file has no instructions; start it with FROM <image>');
    expect(error.code).toBe('DOCKERFILE_NO_STAGE');
    expect(error.kind).toBe('usage');
  });

  it('rejects a file of comments and blank lines like an empty one', () => {
    expect(parseError('# just a comment\n\n   \n').message).toBe('Dockerfile: no build stage in Dockerfile');
  });

  it('rejects a file with only global ARGs', () => {
    const error = parseError('ARG VERSION=1\n', 'app.Dockerfile');
    expect(error.message).toBe('app.Dockerfile: no build stage in Dockerfile');
    expect(error.hint).toBe('add FROM <image> to start a build stage; ARG lines before it only set global build arguments');
  });

  it('rejects an instruction other than ARG before the first FROM, naming its line', () => {
    const error = parseError('ARG V=1\nRUN echo hi\nFROM alpine\n');
    expect(error.message).toBe('Dockerfile:2: no build stage in current context: RUN comes before the first FROM');
    expect(error.hint).toBe('start the stage with FROM <image>; only ARG may come before the first FROM');
  });

  it('rejects two stages with the same name', () => {
    const error = parseError('FROM alpine AS build\nFROM debian AS BUILD\n');
    expect(error.message).toBe('Dockerfile:2: duplicate stage name "build"');
    expect(error.hint).toBe('stage 0 (line 1) is already named "build"; rename one of them');
  });
});

describe('an unknown instruction', () => {
  it('names the file, the line and the word, and suggests the nearest instruction', () => {
    const error = parseError('FROM alpine\nRUN true\nRUNN make\n');
    expect(error.message).toBe('Dockerfile:3: unknown instruction: RUNN');
    expect(error.hint).toBe('did you mean RUN?');
    expect(error.code).toBe('DOCKERFILE_UNKNOWN_INSTRUCTION');
    expect(error.line).toBe(3);
    expect(error.file).toBe('Dockerfile');
  });

  it('suggests across swapped letters and lower case', () => {
    expect(parseError('FORM alpine\n').hint).toBe('did you mean FROM?');
    expect(parseError('FROM alpine\nentrypiont ["x"]\n').hint).toBe('did you mean ENTRYPOINT?');
  });

  it('hints at a missing line continuation when nothing is close', () => {
    const error = parseError('FROM alpine\nRUN apt-get update &&\n    apt-get install -y curl\n');
    expect(error.message).toBe('Dockerfile:3: unknown instruction: apt-get');
    expect(error.hint).toBe(
      'instructions are ADD, ARG, CMD, COPY, ENTRYPOINT, ENV, EXPOSE, FROM, HEALTHCHECK, LABEL, MAINTAINER, ONBUILD, RUN, SHELL, STOPSIGNAL, USER, VOLUME, WORKDIR; if this line belongs to the instruction above, end that one\'s last line with \\',
    );
  });
});

describe('warnings', () => {
  it('warns about MAINTAINER, the legacy ENV form and empty continuation lines, at their lines', () => {
    const dockerfile = parseDockerfile('FROM alpine\nMAINTAINER Jane <jane@example.com>\nENV PATH /app/bin\nRUN echo a \\\n\n  b\n');
    expect(dockerfile.warnings).toEqual([
      { line: 2, message: 'MAINTAINER is deprecated: use LABEL org.opencontainers.image.authors=<name> instead' },
      { line: 3, message: '"ENV key=value" should be used instead of legacy "ENV key value" format' },
      { line: 4, message: 'empty continuation line: Docker will reject empty continuation lines in a future release' },
    ]);
  });
});
