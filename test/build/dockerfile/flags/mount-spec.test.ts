import { describe, expect, it } from 'vitest';
import { DockerfileError, parseRunMount } from '../../../../src/build/dockerfile/index.js';
import { berthErrorOf } from '../../../helpers/error-of.js';
import { parseError, parsedAfterFrom } from '../parse-helpers.js';

const mountError = (spec: string): DockerfileError => berthErrorOf(() => parseRunMount(spec)) as DockerfileError;

describe('RUN --mount specs', () => {
  it('reads a cache mount with its id, sharing, mode and owner; writable by default', () => {
    expect(parseRunMount('type=cache,target=/root/.cache/pip,id=pip,sharing=locked,mode=0755,uid=1000,gid=1000')).toEqual({
      type: 'cache',
      target: '/root/.cache/pip',
      id: 'pip',
      sharing: 'locked',
      mode: 0o755,
      uid: 1000,
      gid: 1000,
      readOnly: false,
      required: false,
    });
  });

  it('reads a bind mount, the default type, read-only by default, with the target aliases', () => {
    expect(parseRunMount('target=/src,from=build,source=/app')).toEqual({ type: 'bind', target: '/src', from: 'build', source: '/app', readOnly: true, required: false });
    expect(parseRunMount('type=bind,dst=/a').target).toBe('/a');
    expect(parseRunMount('type=bind,destination=/a,src=b')).toMatchObject({ target: '/a', source: 'b' });
  });

  it('reads rw, ro, readwrite=true and readonly=false', () => {
    expect(parseRunMount('type=bind,target=/a,rw').readOnly).toBe(false);
    expect(parseRunMount('type=cache,target=/a,ro').readOnly).toBe(true);
    expect(parseRunMount('type=bind,target=/a,readwrite=true').readOnly).toBe(false);
    expect(parseRunMount('type=cache,target=/a,readonly=1').readOnly).toBe(true);
    expect(parseRunMount('type=bind,target=/a,readonly=false').readOnly).toBe(false);
  });

  it('reads a secret mount with its id, env, target and required', () => {
    expect(parseRunMount('type=secret,id=npmrc,target=/root/.npmrc,required')).toEqual({ type: 'secret', id: 'npmrc', target: '/root/.npmrc', required: true, readOnly: true });
    expect(parseRunMount('type=secret,id=token,env=TOKEN,required=false')).toEqual({ type: 'secret', id: 'token', env: 'TOKEN', required: false, readOnly: true });
  });

  it('reads ssh and tmpfs mounts, the tmpfs size in bytes', () => {
    expect(parseRunMount('type=ssh,id=github,required=true')).toEqual({ type: 'ssh', id: 'github', required: true, readOnly: true });
    expect(parseRunMount('type=tmpfs,target=/tmp,size=64m')).toEqual({ type: 'tmpfs', target: '/tmp', size: 64 * 1024 * 1024, readOnly: false, required: false });
  });

  it('reads keys and type names in any case', () => {
    expect(parseRunMount('Type=CACHE,Target=/a')).toMatchObject({ type: 'cache', target: '/a' });
  });

  it('reads a quoted CSV field holding a comma', () => {
    expect(parseRunMount('type=bind,"target=/a,b"').target).toBe('/a,b');
  });

  it('expands each value with the given expander', () => {
    const variables: Record<string, string> = { HOME: '/root', ID: '1000' };
    const expand = (value: string): string => value.replace(/\$(\w+)/g, (_, name: string) => variables[name] ?? '');
    expect(parseRunMount('type=cache,target=$HOME/.cache,uid=$ID', expand)).toMatchObject({ target: '/root/.cache', uid: 1000 });
  });

  it('rejects a variable in from, which BuildKit does not expand', () => {
    const error = mountError('type=bind,from=$STAGE,target=/a');
    expect(error.message).toBe("--mount=type=bind,from=$STAGE,target=/a: 'from' doesn't support variable expansion");
    expect(error.hint).toBe('define a stage with FROM <image> AS <name> and mount from=<name>');
    expect(error.code).toBe('DOCKERFILE_INVALID_MOUNT');
  });

  it('rejects an unknown type and an unknown key, suggesting the nearest', () => {
    expect(mountError('type=cahce,target=/a').message).toBe('--mount=type=cahce,target=/a: unsupported mount type "cahce"');
    expect(mountError('type=cahce,target=/a').hint).toBe('did you mean cache?');
    expect(mountError('type=cache,traget=/a').message).toBe("--mount=type=cache,traget=/a: unexpected key 'traget' in 'traget=/a'");
    expect(mountError('type=cache,traget=/a').hint).toBe('did you mean target?');
  });

  it('rejects a field without a value other than ro, rw and required', () => {
    expect(mountError('type=cache,/a').message).toBe("--mount=type=cache,/a: invalid field '/a' must be a key=value pair");
  });

  it('rejects keys that do not fit the type', () => {
    expect(mountError('type=bind,target=/a,mode=0700').message).toBe('--mount=type=bind,target=/a,mode=0700: mode not allowed for "bind" type mounts');
    expect(mountError('type=cache,target=/a,required').message).toBe("--mount=type=cache,target=/a,required: unexpected key 'required' for mount type 'cache'");
    expect(mountError('type=cache,target=/a,size=1m').message).toBe("--mount=type=cache,target=/a,size=1m: unexpected key 'size' for mount type 'cache'");
    expect(mountError('type=bind,target=/a,sharing=locked').message).toBe('--mount=type=bind,target=/a,sharing=locked: invalid cache sharing set for bind mount');
  });

  it('reads keys that depend on the type only after type=, as BuildKit does', () => {
    const error = mountError('required,type=secret,id=a');
    expect(error.message).toBe("--mount=required,type=secret,id=a: unexpected key 'required' for mount type 'bind'");
    expect(error.hint).toBe('required applies to type=secret or type=ssh, given before it');
  });

  it('rejects secret mounts without a name, or with both source and id', () => {
    expect(mountError('type=secret').message).toBe('--mount=type=secret: invalid secret mount. one of source, target required');
    expect(mountError('type=secret,source=a,id=b').message).toBe("--mount=type=secret,source=a,id=b: both source and id can't be set");
    expect(mountError('type=secret,id=a,from=x').message).toBe('--mount=type=secret,id=a,from=x: secret mount should not have a from');
  });

  it('rejects bad numbers, modes, booleans, sizes and sharing values', () => {
    expect(mountError('type=cache,target=/a,mode=0800').message).toBe('--mount=type=cache,target=/a,mode=0800: invalid value 0800 for mode');
    expect(mountError('type=cache,target=/a,uid=root').message).toBe('--mount=type=cache,target=/a,uid=root: invalid value root for uid');
    expect(mountError('type=bind,target=/a,ro=yes').message).toBe('--mount=type=bind,target=/a,ro=yes: invalid value for ro: yes');
    expect(mountError('type=tmpfs,target=/a,size=lots').message).toBe('--mount=type=tmpfs,target=/a,size=lots: invalid value for size: lots');
    expect(mountError('type=cache,target=/a,sharing=all').message).toBe('--mount=type=cache,target=/a,sharing=all: unsupported sharing value "all"');
  });

  it('rejects an empty spec and a broken quote', () => {
    expect(mountError('').message).toBe('--mount=: not a comma-separated list of key=value fields');
    expect(mountError('type=bind,"target=/a').message).toBe('--mount=type=bind,"target=/a: not a comma-separated list of key=value fields');
  });
});

describe('mount specs while parsing RUN', () => {
  it('rejects a bad spec without variables at the RUN line', () => {
    const error = parseError('FROM alpine\nRUN --mount=type=cache,taget=/a true\n');
    expect(error.message).toBe("Dockerfile:2: --mount=type=cache,taget=/a: unexpected key 'taget' in 'taget=/a'");
  });

  it('leaves a spec with variables to the build, except a variable in from', () => {
    expect(parsedAfterFrom('RUN --mount=type=cache,target=/a,uid=$UID true')).toMatchObject({ mounts: ['type=cache,target=/a,uid=$UID'] });
    expect(parseError('FROM alpine\nRUN --mount=type=bind,uid=$UID,from=${X},target=/a true\n').message).toBe(
      "Dockerfile:2: --mount=type=bind,uid=$UID,from=${X},target=/a: 'from' doesn't support variable expansion",
    );
  });

  it('names the line when parseRunMount is given one', () => {
    const error = berthErrorOf(() => parseRunMount('type=nope', undefined, { file: 'Dockerfile', line: 9 }));
    expect(error.message).toBe('Dockerfile:9: --mount=type=nope: unsupported mount type "nope"');
  });
});
