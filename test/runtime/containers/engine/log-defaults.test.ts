import { expect, test } from 'vitest';
import { withLogDefaults } from '../../../../src/runtime/containers/engine/log-defaults.js';

const daemon = { Type: 'json-file', Config: { 'max-size': '10m', 'max-file': '3' } };

test('a container that names no log driver gets the daemon\'s driver and options', () => {
  expect(withLogDefaults(undefined, daemon)).toEqual(daemon);
  expect(withLogDefaults({ Type: '', Config: { 'max-file': '5' } }, daemon)).toEqual({ Type: 'json-file', Config: { 'max-size': '10m', 'max-file': '5' } });
});

test('a container on the daemon\'s driver keeps its own options over the daemon\'s', () => {
  expect(withLogDefaults({ Type: 'json-file', Config: { 'max-size': '1m' } }, daemon)).toEqual({ Type: 'json-file', Config: { 'max-size': '1m', 'max-file': '3' } });
});

test('a container on another driver gets none of the daemon\'s options', () => {
  expect(withLogDefaults({ Type: 'none' }, daemon)).toEqual({ Type: 'none', Config: {} });
});
