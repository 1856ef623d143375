import { pattern, type PathPattern } from './document-path.js';

/**
 * The attributes Compose does not merge the default way ("mappings by key, sequences
 * appended"), as compose-go's override/merge.go lists them:
 *
 * - `replace`: the later value wins whole (shell commands, and each `ulimits` entry).
 * - `keyValue`: a mapping or a list of `KEY=VALUE`; both sides become mappings and later keys win.
 * - `sequence`: a string or a list; both sides become lists and are appended (unicity applies after).
 * - `extraHosts`: lists of `host=ip` appended, leaving out entries the earlier list already has.
 * - `dependsOn`, `namedMapping`: a list of names or a mapping; both sides become mappings.
 * - `build`: a context string or a mapping; a string becomes `{context: ...}`.
 * - `logging`: merged only when both sides name the same driver (or one names none).
 * - `ipamConfig`: network IPAM pools merged by subnet.
 */
export type MergeRule =
  | 'replace'
  | 'keyValue'
  | 'sequence'
  | 'extraHosts'
  | 'dependsOn'
  | 'namedMapping'
  | 'build'
  | 'logging'
  | 'ipamConfig';

export const mergeRules: ReadonlyArray<readonly [PathPattern, MergeRule]> = (
  [
    ['services.*.command', 'replace'],
    ['services.*.entrypoint', 'replace'],
    ['services.*.healthcheck.test', 'replace'],
    ['services.*.ulimits.*', 'replace'],
    ['services.*.environment', 'keyValue'],
    ['services.*.labels', 'keyValue'],
    ['services.*.annotations', 'keyValue'],
    ['services.*.sysctls', 'keyValue'],
    ['services.*.build.args', 'keyValue'],
    ['services.*.build.labels', 'keyValue'],
    ['services.*.build.additional_contexts', 'keyValue'],
    ['services.*.deploy.labels', 'keyValue'],
    ['networks.*.labels', 'keyValue'],
    ['volumes.*.labels', 'keyValue'],
    ['services.*.dns', 'sequence'],
    ['services.*.dns_opt', 'sequence'],
    ['services.*.dns_search', 'sequence'],
    ['services.*.env_file', 'sequence'],
    ['services.*.label_file', 'sequence'],
    ['services.*.tmpfs', 'sequence'],
    ['services.*.extra_hosts', 'extraHosts'],
    ['services.*.build.extra_hosts', 'extraHosts'],
    ['services.*.depends_on', 'dependsOn'],
    ['services.*.networks', 'namedMapping'],
    ['services.*.models', 'namedMapping'],
    ['services.*.build', 'build'],
    ['services.*.logging', 'logging'],
    ['networks.*.ipam.config', 'ipamConfig'],
  ] as const
).map(([path, rule]) => [pattern(path), rule] as const);
