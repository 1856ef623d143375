import type { DocumentPath } from '../compose-error.js';
import type { DevelopConfig, LoggingConfig, ServiceHook, ServiceModelConfig, ServiceNetworkConfig } from '../model/index.js';
import { environmentMapping } from './environment.js';
import { stringMapping } from './mappings.js';
import { splitShellWords } from './shell-words.js';
import { checkWatchRule } from './watch-rule-check.js';
import { isMapping, scalarText, sortedEntries, stringList } from './values.js';

/** `command` / `entrypoint`: a string is split with shell-word rules; a list is kept. */
export function shellCommand(raw: unknown, path: DocumentPath): string[] {
  return Array.isArray(raw) ? raw.map(scalarText) : splitShellWords(scalarText(raw), path);
}

/**
 * A service's `networks` as a mapping (`[front]` is `{front: null}`); a service with neither
 * networks nor `network_mode` joins `default`.
 */
export function serviceNetworks(raw: unknown, hasNetworkMode: boolean): Record<string, ServiceNetworkConfig | null> | undefined {
  const networks: Array<[string, ServiceNetworkConfig | null]> = [];
  if (Array.isArray(raw)) {
    for (const name of raw) networks.push([scalarText(name), null]);
  } else if (isMapping(raw)) {
    for (const [name, value] of Object.entries(raw)) networks.push([name, isMapping(value) ? serviceNetwork(value) : null]);
  }
  if (networks.length === 0) return hasNetworkMode ? undefined : { default: null };
  return sortedEntries(networks);
}

function serviceNetwork(raw: Record<string, unknown>): ServiceNetworkConfig {
  const network: Record<string, unknown> = { ...raw };
  if (network.aliases !== undefined) network.aliases = stringList(network.aliases);
  if (network.link_local_ips !== undefined) network.link_local_ips = stringList(network.link_local_ips);
  if (network.driver_opts !== undefined) network.driver_opts = stringMapping(network.driver_opts);
  return network as ServiceNetworkConfig;
}

export function normalizeLogging(raw: Record<string, unknown>): LoggingConfig {
  return { ...raw, ...(raw.options !== undefined && raw.options !== null && { options: stringMapping(raw.options) }) } as LoggingConfig;
}

/** `post_start`, `pre_stop`, a watch rule's `exec`: the command split, the environment a mapping. */
export function serviceHook(raw: Record<string, unknown>, path: DocumentPath): ServiceHook {
  const hook: Record<string, unknown> = { ...raw };
  if (hook.command !== undefined && hook.command !== null) hook.command = shellCommand(hook.command, [...path, 'command']);
  if (hook.environment !== undefined) hook.environment = environmentMapping(hook.environment);
  return hook as unknown as ServiceHook;
}

/** `develop.watch`: a rule watching several paths becomes one rule per path, as in compose-go. */
export function normalizeDevelop(raw: Record<string, unknown>, path: DocumentPath): DevelopConfig {
  if (!Array.isArray(raw.watch)) return raw as DevelopConfig;
  const rules: Array<Record<string, unknown>> = [];
  raw.watch.forEach((entry, index) => {
    if (!isMapping(entry)) return;
    checkWatchRule(entry, [...path, 'watch', index]);
    const rule: Record<string, unknown> = { ...entry };
    if (isMapping(rule.exec)) rule.exec = serviceHook(rule.exec, [...path, 'watch', index, 'exec']);
    for (const key of ['ignore', 'include']) if (rule[key] !== undefined) rule[key] = stringList(rule[key]);
    if (Array.isArray(rule.path)) {
      for (const each of rule.path) rules.push({ ...rule, path: scalarText(each) });
    } else {
      rules.push(rule);
    }
  });
  return { ...raw, watch: rules } as unknown as DevelopConfig;
}

/** `models: [name]` is `{name: null}`; the long form is kept. */
export function serviceModels(raw: unknown): Record<string, ServiceModelConfig | null> {
  if (Array.isArray(raw)) return sortedEntries(raw.map((name) => [scalarText(name), null] as const));
  return sortedEntries(Object.entries(raw as Record<string, ServiceModelConfig | null>));
}

/** `provider.options`: each option a list of strings. */
export function providerOptions(raw: Record<string, unknown>): Record<string, string[]> {
  return sortedEntries(Object.entries(raw).map(([key, value]) => [key, stringList(value)] as const));
}
