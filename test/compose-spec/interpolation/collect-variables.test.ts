import { describe, expect, it } from 'vitest';
import { collectVariables } from '../../../src/compose-spec/interpolation/index.js';

describe('listing the variables of a compose document', () => {
  it('gives one entry per name, sorted, with required, default and alternate values', () => {
    const document = {
      services: {
        web: {
          image: '${IMAGE:-nginx}:${TAG-latest}',
          command: ['$docker:${project:-cli}', '$toto', '$$escaped'],
          environment: { DB_PASSWORD: '${DB_PASSWORD:?set it}', TOKEN: '${TOKEN?}', DEBUG: '${DEBUG:+--verbose}', TRACE: '${TRACE+on}' },
          '${KEY_IN_A_KEY}': 'keys are not interpolated',
          replicas: 3,
        },
      },
    };
    expect(collectVariables(document)).toEqual([
      { name: 'DB_PASSWORD', required: true },
      { name: 'DEBUG', required: false, alternateValue: '--verbose' },
      { name: 'IMAGE', required: false, defaultValue: 'nginx' },
      { name: 'TAG', required: false, defaultValue: 'latest' },
      { name: 'TOKEN', required: true },
      { name: 'TRACE', required: false, alternateValue: 'on' },
      { name: 'docker', required: false },
      { name: 'project', required: false, defaultValue: 'cli' },
      { name: 'toto', required: false },
    ]);
  });

  it('counts variables nested in defaults, alternates and messages', () => {
    expect(collectVariables({ a: '${A:-${B:-x}}', b: '${C:?needs ${D}}', c: '${E:+${F}}' })).toEqual([
      { name: 'A', required: false, defaultValue: '${B:-x}' },
      { name: 'B', required: false, defaultValue: 'x' },
      { name: 'C', required: true },
      { name: 'D', required: false },
      { name: 'E', required: false, alternateValue: '${F}' },
      { name: 'F', required: false },
    ]);
  });

  it('makes a name required when any use is, and keeps the first default and alternate value', () => {
    expect(collectVariables(['${PORT}', '${PORT:-80}', '${PORT:-8080}', '${PORT:?}', '${PORT:+on}'])).toEqual([
      { name: 'PORT', required: true, defaultValue: '80', alternateValue: 'on' },
    ]);
  });

  it('skips malformed references instead of failing', () => {
    expect(collectVariables({ a: '${} ${FOO', b: 'x ${BAR} y' })).toEqual([{ name: 'BAR', required: false }]);
  });
});
