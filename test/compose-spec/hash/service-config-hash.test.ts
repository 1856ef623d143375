import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, serviceConfigHash } from '../../../src/compose-spec/hash/index.js';
import type { ServiceConfig } from '../../../src/compose-spec/model/index.js';

const base: ServiceConfig = {
  image: 'nginx:1.27',
  environment: { MODE: 'production', PORT: '8080' },
  ports: [{ mode: 'ingress', target: 80, published: '8080', protocol: 'tcp' }],
  networks: { default: null },
};

describe('serviceConfigHash', () => {
  it('is the sha256 hex of the canonical JSON, with keys sorted', () => {
    expect(canonicalJson({ image: 'busybox', environment: { B: '2', A: null } })).toBe('{"environment":{"A":null,"B":"2"},"image":"busybox"}');
    // sha256 of {"image":"busybox"}: fixed, so the label stays the same across runs and versions.
    expect(serviceConfigHash({ image: 'busybox' })).toBe('86f4436baf5570f69349bc6cfad53e024834285e866a0ca1e4865942747fcf6a');
  });

  it('changes when the image changes', () => {
    expect(serviceConfigHash({ ...base, image: 'nginx:1.28' })).not.toBe(serviceConfigHash(base));
  });

  it('changes when the environment or a port changes', () => {
    expect(serviceConfigHash({ ...base, environment: { MODE: 'debug', PORT: '8080' } })).not.toBe(serviceConfigHash(base));
    expect(serviceConfigHash({ ...base, ports: [{ mode: 'ingress', target: 80, published: '9090', protocol: 'tcp' }] })).not.toBe(serviceConfigHash(base));
  });

  it('ignores depends_on, scale, deploy.replicas, build, pull_policy and profiles', () => {
    const hash = serviceConfigHash(base);
    expect(serviceConfigHash({ ...base, depends_on: { db: { condition: 'service_healthy', required: true } } })).toBe(hash);
    expect(serviceConfigHash({ ...base, scale: 3 })).toBe(hash);
    expect(serviceConfigHash({ ...base, deploy: { replicas: 3 } })).toBe(hash);
    expect(serviceConfigHash({ ...base, build: { context: '/src', dockerfile: 'Dockerfile' } })).toBe(hash);
    expect(serviceConfigHash({ ...base, pull_policy: 'always' })).toBe(hash);
    expect(serviceConfigHash({ ...base, profiles: ['debug'] })).toBe(hash);
  });

  it('still sees the rest of deploy when replicas are left out', () => {
    const limited = { ...base, deploy: { replicas: 2, resources: { limits: { memory: '536870912' } } } };
    expect(serviceConfigHash(limited)).not.toBe(serviceConfigHash(base));
    expect(serviceConfigHash({ ...limited, deploy: { ...limited.deploy, replicas: 5 } })).toBe(serviceConfigHash(limited));
  });

  it('does not depend on key order, at any depth', () => {
    const entries = fc.uniqueArray(fc.tuple(fc.string({ minLength: 1, maxLength: 8 }), fc.string({ maxLength: 8 })), { selector: ([key]) => key, maxLength: 8 });
    fc.assert(
      fc.property(entries, (pairs) => {
        const forward = { ...base, labels: Object.fromEntries(pairs) };
        const backward = Object.fromEntries(Object.entries({ ...base, labels: Object.fromEntries([...pairs].reverse()) }).reverse()) as ServiceConfig;
        expect(serviceConfigHash(backward)).toBe(serviceConfigHash(forward));
      }),
    );
  });
});
