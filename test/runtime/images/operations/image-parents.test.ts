import { describe, expect, test } from 'vitest';
import { imageParents } from '../../../../src/runtime/images/operations/image-parents.js';

const step = (created: string, createdBy: string, emptyLayer = false) => ({ created, created_by: createdBy, ...(emptyLayer ? { empty_layer: true } : {}) });

describe('which image another was built on', () => {
  const base = { id: 'sha256:base', history: [step('1', 'ADD rootfs')], diffIds: ['sha256:l1'] };
  const env = { id: 'sha256:env', history: [...base.history, step('2', 'ENV A=1', true)], diffIds: ['sha256:l1'] };
  const run = { id: 'sha256:run', history: [...env.history, step('3', 'RUN make')], diffIds: ['sha256:l1', 'sha256:l2'] };

  test('a step with an empty layer and a step with a layer each name the image before them', () => {
    expect(imageParents([run, base, env])).toEqual(new Map([['sha256:env', 'sha256:base'], ['sha256:run', 'sha256:env']]));
  });

  test('an image whose history differs from every other has no parent', () => {
    const other = { id: 'sha256:other', history: [step('9', 'ADD rootfs'), step('10', 'ENV A=1', true)], diffIds: ['sha256:l1'] };
    expect(imageParents([base, other]).has('sha256:other')).toBe(false);
  });

  test('a step that claims a layer the image does not have names no parent', () => {
    const broken = { id: 'sha256:broken', history: [step('1', 'RUN x')], diffIds: [] };
    expect(imageParents([broken]).size).toBe(0);
  });
});
