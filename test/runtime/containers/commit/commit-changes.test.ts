import { describe, expect, it } from 'vitest';
import { applyCommitChanges } from '../../../../src/runtime/containers/commit/commit-changes.js';
import type { RunConfig } from '../../../../src/runtime/containers/commit/run-config.js';

const apply = (changes: string[], config: RunConfig = {}): RunConfig => applyCommitChanges(structuredClone(config), changes);

describe('commit changes', () => {
  it('takes a JSON array as the command itself and other text as shell form', () => {
    expect(apply(['CMD ["echo","hi"]']).Cmd).toEqual(['echo', 'hi']);
    expect(apply(['CMD echo $HOME']).Cmd).toEqual(['/bin/sh', '-c', 'echo $HOME']);
    expect(apply(['CMD echo hi'], { Shell: ['/bin/bash', '-eu', '-c'] }).Cmd).toEqual(['/bin/bash', '-eu', '-c', 'echo hi']);
    expect(apply(['entrypoint [not json']).Entrypoint).toEqual(['/bin/sh', '-c', '[not json']);
  });

  it('clears the command with an ENTRYPOINT, unless a CMD came before it in the changes', () => {
    expect(apply(['ENTRYPOINT ["top"]'], { Cmd: ['sh'] })).toEqual({ Entrypoint: ['top'] });
    expect(apply(['CMD ["-b"]', 'ENTRYPOINT ["top"]'], { Cmd: ['sh'] })).toEqual({ Cmd: ['-b'], Entrypoint: ['top'] });
    expect(apply(['ENTRYPOINT []'], { Entrypoint: ['x'] })).toEqual({ Entrypoint: [] });
  });

  it('sets ENV pairs, expanding what was set before the instruction, and replaces a name in place', () => {
    const config = apply(['ENV PATH=/opt/bin:$PATH GREETING="hello world" SEEN=$GREETING', 'ENV OLD the old form'], { Env: ['PATH=/bin', 'GREETING=hi'] });
    expect(config.Env).toEqual(['PATH=/opt/bin:/bin', 'GREETING=hello world', 'SEEN=hi', 'OLD=the old form']);
  });

  it('sets LABEL pairs, EXPOSE ports and ranges, VOLUME paths and USER, with variables', () => {
    const config = apply(['LABEL tier=web "team name"=core', 'EXPOSE 80 $UDP_PORT/udp 9000-9001', 'VOLUME ["/data", "/$NAME"]', 'VOLUME /a /b', 'USER $NAME'], { Env: ['UDP_PORT=53', 'NAME=app'] });
    expect(config).toMatchObject({
      Labels: { 'tier': 'web', 'team name': 'core' },
      ExposedPorts: { '80/tcp': {}, '53/udp': {}, '9000/tcp': {}, '9001/tcp': {} },
      Volumes: { '/data': {}, '/app': {}, '/a': {}, '/b': {} },
      User: 'app',
    });
  });

  it('joins a relative WORKDIR to the one before and keeps an absolute one as written', () => {
    expect(apply(['WORKDIR app', 'WORKDIR src/'], { WorkingDir: '/srv' }).WorkingDir).toBe('/srv/app/src');
    expect(apply(['WORKDIR /tmp/'], { WorkingDir: '/srv' }).WorkingDir).toBe('/tmp/');
  });

  it('keeps an ONBUILD trigger as written and refuses the triggers Docker refuses', () => {
    expect(apply(['onbuild RUN echo "$HOME"', 'ONBUILD COPY . /app']).OnBuild).toEqual(['RUN echo "$HOME"', 'COPY . /app']);
    expect(() => apply(['ONBUILD ONBUILD RUN x'])).toThrow('Chaining ONBUILD via `ONBUILD ONBUILD` isn\'t allowed');
    expect(() => apply(['ONBUILD FROM busybox'])).toThrow("FROM isn't allowed as an ONBUILD trigger");
  });

  it('reads HEALTHCHECK flags as Go durations in nanoseconds, and NONE', () => {
    expect(apply(['HEALTHCHECK --interval=1m30s --timeout=500ms --start-period=2s --retries=3 CMD curl -f http://localhost/']).Healthcheck).toEqual({
      Test: ['CMD-SHELL', 'curl -f http://localhost/'],
      Interval: 90e9,
      Timeout: 500e6,
      StartPeriod: 2e9,
      Retries: 3,
    });
    expect(apply(['HEALTHCHECK CMD ["true"]']).Healthcheck).toEqual({ Test: ['CMD', 'true'] });
    expect(apply(['HEALTHCHECK NONE'], { Healthcheck: { Test: ['CMD', 'x'] } }).Healthcheck).toEqual({ Test: ['NONE'] });
    expect(() => apply(['HEALTHCHECK --interval=0.5ms CMD true'])).toThrow('Interval "interval" cannot be less than 1ms');
    expect(() => apply(['HEALTHCHECK --retries=0 CMD true'])).toThrow('--retries must be at least 1 (not 0)');
    expect(() => apply(['HEALTHCHECK --every=1s CMD true'])).toThrow('Unknown flag: every');
    expect(() => apply(['HEALTHCHECK RUN true'])).toThrow('Unknown type "RUN" in HEALTHCHECK (try CMD)');
  });

  it('reads several instructions from one value, with continuations and comments, as a Dockerfile', () => {
    const config = apply(['# a comment\nENV A=1 \\\n    B=2\n\nLABEL x=y']);
    expect(config).toEqual({ Env: ['A=1', 'B=2'], Labels: { x: 'y' } });
  });

  it('refuses an instruction Docker does not take before applying any, in its words', () => {
    const config: RunConfig = { Env: ['A=1'] };
    expect(() => applyCommitChanges(config, ['ENV B=2', 'RUN echo hi'])).toThrow(expect.objectContaining({ code: 'INVALID_COMMIT_CHANGE', kind: 'usage', message: 'run is not a valid change command' }));
    expect(config).toEqual({ Env: ['A=1'] });
    expect(() => apply(['STOPSIGNAL SIGINT'])).toThrow('stopsignal is not a valid change command');
  });

  it("words a malformed instruction's problem as Docker does", () => {
    expect(() => apply(['ENV'])).toThrow('ENV requires at least one argument');
    expect(() => apply(['ENV A'])).toThrow('ENV must have two arguments');
    expect(() => apply(['LABEL a=b c'])).toThrow('Syntax error - can\'t find = in "c". Must be of the form: name=value');
    expect(() => apply(['EXPOSE 80/icmp'])).toThrow('invalid proto: icmp');
    expect(() => apply(['EXPOSE http'])).toThrow('invalid containerPort: http');
    expect(() => apply(['CMD [1, 2]'])).toThrow('when using JSON array syntax, arrays must be comprised of strings only');
    expect(() => apply(['CMD --init true'])).toThrow('Unknown flag: init');
    expect(() => apply(['WORKDIR'])).toThrow('WORKDIR requires exactly one argument');
  });
});
