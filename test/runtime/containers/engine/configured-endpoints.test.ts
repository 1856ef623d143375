import { describe, expect, test } from 'vitest';
import { configuredEndpoints } from '../../../../src/runtime/containers/engine/networking.js';

describe('the networks a container joins, as its create keeps them (dockerd 20.10)', () => {
  test("are the mode's network alone without EndpointsConfig: bridge for the default mode", () => {
    expect(configuredEndpoints({}, undefined)).toEqual({ bridge: {} });
    expect(configuredEndpoints({ NetworkMode: 'default' }, {})).toEqual({ bridge: {} });
    expect(configuredEndpoints({ NetworkMode: 'none' }, undefined)).toEqual({ none: {} });
    expect(configuredEndpoints({ NetworkMode: 'shop_default' }, undefined)).toEqual({ shop_default: {} });
  });

  test("are EndpointsConfig's networks with their settings when it has any, its `default` entry being bridge's", () => {
    expect(configuredEndpoints({ NetworkMode: 'shop_default' }, { shop_default: { Aliases: ['web'] }, shop_back: {} })).toEqual({ shop_default: { Aliases: ['web'] }, shop_back: {} });
    expect(configuredEndpoints({}, { default: { Aliases: null } })).toEqual({ bridge: { Aliases: null } });
  });

  test('are none for a container that joins another container\'s namespace', () => {
    expect(configuredEndpoints({ NetworkMode: 'container:abc' }, { shop: {} })).toEqual({});
  });
});
