import { describe, expect, it } from 'vitest';
import { compareYamlKeys } from '../../../src/compose-spec/render/index.js';

describe('compareYamlKeys (yaml.v3 map key order)', () => {
  it('orders digit runs by value and letters by code point', () => {
    const keys = ['web10', 'web2', 'Web', 'web', 'a_b', 'a-b', 'a1', 'ab', '10', '9'];
    expect(keys.sort(compareYamlKeys)).toEqual(['9', '10', 'Web', 'a-b', 'a_b', 'a1', 'ab', 'web', 'web2', 'web10']);
  });

  it('puts the shorter digit run first when two runs have the same value', () => {
    expect(['x010', 'x10', 'x9'].sort(compareYamlKeys)).toEqual(['x9', 'x10', 'x010']);
  });
});
