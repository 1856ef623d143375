import { describe, expect, it } from 'vitest';
import { type DocumentPath } from '../../../src/compose-spec/compose-error.js';
import { interpolateString, interpolateTree, unsetVariableWarning } from '../../../src/compose-spec/interpolation/index.js';
import { composeErrorOf } from '../../helpers/error-of.js';

const environment: Record<string, string> = { TAG: '1.25', PORT: '8080', EMPTY: '' };
const lookup = (name: string): string | undefined => environment[name];

const thrown = composeErrorOf;

describe('interpolating a compose document', () => {
  it('replaces string values in mappings and sequences, in place, and leaves keys and other scalars alone', () => {
    const ports = ['${PORT}:80', 9000];
    const web: Record<string, unknown> = {
      image: 'nginx:${TAG}',
      ports,
      environment: { '${TAG}': '$TAG', DEBUG: true },
      deploy: { replicas: 2 },
    };
    const document = { services: { web } };
    interpolateTree(document, { lookup });
    expect(document).toEqual({
      services: {
        web: {
          image: 'nginx:1.25',
          ports: ['8080:80', 9000],
          environment: { '${TAG}': '1.25', DEBUG: true },
          deploy: { replicas: 2 },
        },
      },
    });
    expect(document.services.web).toBe(web);
    expect(web.ports).toBe(ports);
  });

  it('reports each unset variable with the document path of its value', () => {
    const seen: Array<[string, DocumentPath]> = [];
    interpolateTree(
      { services: { web: { image: '${IMAGE}', command: ['echo', '$GREETING', '${EMPTY}'] } } },
      { lookup, onUnset: (name, path) => seen.push([name, path]) },
    );
    expect(seen).toEqual([
      ['IMAGE', ['services', 'web', 'image']],
      ['GREETING', ['services', 'web', 'command', 1]],
    ]);
  });

  it('words the unset warning as Compose does', () => {
    expect(unsetVariableWarning('FOO')).toBe('The "FOO" variable is not set. Defaulting to a blank string.');
  });

  it('fails a missing required variable with its path, Compose\'s message and a hint', () => {
    const error = thrown(() =>
      interpolateTree({ services: { db: { environment: { POSTGRES_PASSWORD: '${DB_PASSWORD:?set a password}' } } } }, { lookup }),
    );
    expect(error.code).toBe('COMPOSE_REQUIRED_VARIABLE');
    expect(error.path).toEqual(['services', 'db', 'environment', 'POSTGRES_PASSWORD']);
    expect(error.message).toBe('services.db.environment.POSTGRES_PASSWORD: required variable DB_PASSWORD is missing a value: set a password');
    expect(error.hint).toBe("set DB_PASSWORD in the environment or in the project's .env file");
  });

  it('fails a malformed template with its path, the offending text and a hint about $$', () => {
    const error = thrown(() => interpolateString('cost: ${PRICE', { lookup }, ['services', 'web', 'labels', 0]));
    expect(error.code).toBe('COMPOSE_INTERPOLATION');
    expect(error.message).toBe(
      'services.web.labels[0]: invalid interpolation format: "cost: ${PRICE": expected a variable reference such as $NAME, ${NAME} or ${NAME:-default}',
    );
    expect(error.hint).toBe('you may need to escape any $ with another $: write $$ for a literal $');
  });

  it('returns the substituted text of one string', () => {
    expect(interpolateString('v${TAG:-latest}-${EMPTY:-none}', { lookup }, ['x'])).toBe('v1.25-none');
  });
});
