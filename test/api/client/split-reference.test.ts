import { describe, expect, it } from 'vitest';
import { splitReference } from '../../../src/api/client/images.js';

describe('splitReference', () => {
  it.each([
    ['busybox', 'busybox', 'latest'],
    ['busybox:1.36', 'busybox', '1.36'],
    ['localhost:5000/app', 'localhost:5000/app', 'latest'],
    ['localhost:5000/app:2', 'localhost:5000/app', '2'],
    ['busybox@sha256:0123', 'busybox', 'sha256:0123'],
    ['busybox:1.36@sha256:0123', 'busybox', 'sha256:0123'],
    ['localhost:5000/app@sha256:0123', 'localhost:5000/app', 'sha256:0123'],
  ])('splits %s into %s and %s', (reference, name, tag) => {
    expect(splitReference(reference)).toEqual({ name, tag });
  });
});
