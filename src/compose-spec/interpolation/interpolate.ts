import { ComposeError, type DocumentPath } from '../compose-error.js';
import { substituteTemplate, TemplateError } from './substitute.js';

/** What interpolation reads variables from (the project environment), and who hears about unset ones. */
export interface InterpolationContext {
  lookup(name: string): string | undefined;
  /** Called for each plain `$NAME`/`${NAME}` that is unset; it became "". */
  onUnset?(name: string, path: DocumentPath): void;
}

/** Compose's warning for an unset variable, word for word. */
export function unsetVariableWarning(name: string): string {
  return `The "${name}" variable is not set. Defaulting to a blank string.`;
}

/** Substitutes the variables of one string value found at `path` of a compose document. */
export function interpolateString(text: string, context: InterpolationContext, path: DocumentPath): string {
  try {
    return substituteTemplate(text, {
      lookup: (name) => context.lookup(name),
      onUnset: (name) => context.onUnset?.(name, path),
    });
  } catch (error) {
    if (error instanceof TemplateError) throw interpolationError(error, path);
    throw error;
  }
}

/**
 * Interpolates every string value of a parsed compose document in place: mapping keys stay as
 * written (Compose never interpolates keys), numbers and booleans are left alone. Containers are
 * mutated, never rebuilt, so the source positions recorded for their entries stay valid.
 */
export function interpolateTree(root: unknown, context: InterpolationContext): void {
  visit(root, [], context);
}

function visit(node: unknown, path: Array<string | number>, context: InterpolationContext): void {
  if (Array.isArray(node)) {
    node.forEach((item, index) => {
      if (typeof item === 'string') node[index] = interpolateString(item, context, [...path, index]);
      else visit(item, [...path, index], context);
    });
  } else if (isPlainObject(node)) {
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === 'string') node[key] = interpolateString(value, context, [...path, key]);
      else visit(value, [...path, key], context);
    }
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function interpolationError(error: TemplateError, path: DocumentPath): ComposeError {
  const { failure } = error;
  if (failure.kind === 'required') {
    return new ComposeError({
      code: 'COMPOSE_REQUIRED_VARIABLE',
      message: error.message,
      path,
      hint: `set ${failure.name} in the environment or in the project's .env file`,
    });
  }
  return new ComposeError({
    code: 'COMPOSE_INTERPOLATION',
    message: error.message,
    path,
    expected: 'a variable reference such as $NAME, ${NAME} or ${NAME:-default}',
    hint: 'you may need to escape any $ with another $: write $$ for a literal $',
  });
}
