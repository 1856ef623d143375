import { ContextCatalogue, currentContextName, defaultContextName, hostVariableInEffect, type EngineContext, type EngineSelectionOptions } from '../../api/index.js';
import { BerthError } from '../../errors/index.js';
import type { GlobalOptions } from '../global-options.js';

function selectionOptions(global: GlobalOptions): EngineSelectionOptions {
  return { host: global.host, context: global.context, env: process.env };
}

/** The docker CLI's warning, naming berth's variable when that is the one set. */
function warnWhenHostVariableOverrides(contextName?: string): void {
  const variable = hostVariableInEffect(process.env);
  if (variable === undefined) return;
  const what = contextName === undefined ? 'a context' : JSON.stringify(contextName);
  process.stderr.write(`Warning: ${variable} environment variable overrides the active context. To use ${what}, either set the global --context flag, or unset ${variable} environment variable.\n`);
}

export function listContexts(options: { format: 'table' | 'json'; quiet: boolean }, global: GlobalOptions): void {
  const selection = selectionOptions(global);
  const { contexts, warnings } = new ContextCatalogue(selection).list();
  const current = currentContextName(selection).name;
  for (const warning of warnings) process.stderr.write(`Warning: ${warning}\n`);
  if (options.quiet) {
    process.stdout.write(contexts.map((context) => `${context.name}\n`).join(''));
  } else if (options.format === 'json') {
    process.stdout.write(contexts.map((context) => `${JSON.stringify(listEntry(context, context.name === current))}\n`).join(''));
  } else {
    process.stdout.write(table(contexts, current));
  }
  if (!global.context) warnWhenHostVariableOverrides();
}

// The keys of `docker context ls --format json`, so scripts written for it read berth's too.
function listEntry(context: EngineContext, current: boolean): Record<string, unknown> {
  return { Name: context.name, Description: context.description, DockerEndpoint: context.host, Current: current, Store: context.store, ReadOnly: context.readOnly };
}

function table(contexts: EngineContext[], current: string): string {
  const rows = [['NAME', 'DESCRIPTION', 'ENGINE ENDPOINT', 'STORE']];
  for (const context of contexts) {
    const name = context.name === current ? `${context.name} *` : context.name;
    const store = context.store === 'docker' ? 'docker (read-only)' : context.store;
    rows.push([name, context.description, context.host, store]);
  }
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => `${row.map((cell, column) => cell.padEnd(widths[column]!)).join('   ').trimEnd()}\n`).join('');
}

export function createContext(name: string, options: { host?: string; description?: string }, global: GlobalOptions): void {
  if (!options.host) {
    throw new BerthError({
      code: 'CONTEXT_HOST_REQUIRED',
      kind: 'usage',
      message: `context "${name}" needs an engine endpoint`,
      hint: `give one with --host, for example: berth context create ${name} --host unix:///var/run/docker.sock`,
    });
  }
  new ContextCatalogue(selectionOptions(global)).create({ name, host: options.host, description: options.description });
  process.stdout.write(`${name}\n`);
  process.stderr.write(`Successfully created context "${name}"\n`);
}

export function useContext(name: string, global: GlobalOptions): void {
  new ContextCatalogue(selectionOptions(global)).use(name);
  process.stdout.write(`${name}\n`);
  process.stderr.write(`Current context is now "${name}"\n`);
  if (name !== defaultContextName) warnWhenHostVariableOverrides(name);
}

/** Removes each name it can, like `docker context rm`, and reports every one it could not. */
export function removeContexts(names: string[], options: { force: boolean }, global: GlobalOptions): void {
  const selection = selectionOptions(global);
  const catalogue = new ContextCatalogue(selection);
  const current = currentContextName(selection).name;
  const failures: BerthError[] = [];
  for (const name of names) {
    try {
      catalogue.remove(name, { force: options.force, current });
      process.stdout.write(`${name}\n`);
    } catch (error) {
      if (!(error instanceof BerthError)) throw error;
      failures.push(error);
    }
  }
  if (failures.length === 1) throw failures[0];
  if (failures.length > 1) {
    throw new BerthError({
      code: 'CONTEXT_REMOVE_FAILED',
      kind: failures.every((failure) => failure.kind === 'usage') ? 'usage' : 'conflict',
      message: `${failures.length} contexts were not removed:\n${failures.map((failure) => `  - ${failure.describe().replace(/\n/g, '\n    ')}`).join('\n')}`,
      cause: failures,
    });
  }
}

/** The JSON of `docker context inspect`: an array, indented by four spaces. */
export function inspectContexts(names: string[], global: GlobalOptions): void {
  const selection = selectionOptions(global);
  const catalogue = new ContextCatalogue(selection);
  const wanted = names.length > 0 ? names : [currentContextName(selection).name];
  const documents = wanted.map((name) => {
    const context = catalogue.get(name);
    return {
      Name: context.name,
      Metadata: context.metadata,
      Endpoints: context.endpoints,
      TLSMaterial: {},
      Storage: { MetadataPath: context.storage.metadataPath, TLSPath: context.storage.tlsPath },
    };
  });
  process.stdout.write(`${JSON.stringify(documents, null, 4)}\n`);
}

export function showContext(global: GlobalOptions): void {
  process.stdout.write(`${currentContextName(selectionOptions(global)).name}\n`);
}
