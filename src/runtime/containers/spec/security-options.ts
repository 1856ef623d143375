import { BerthError } from '../../../errors/index.js';

/** What `HostConfig.SecurityOpt` asks for, as far as berth acts on it. */
export interface SecurityOptions {
  noNewPrivileges: boolean;
  /** `default`: the engine's profile; `unconfined`: none; otherwise a profile given inline as JSON. */
  seccomp: 'default' | 'unconfined' | { profileJson: string };
}

/**
 * Parses SecurityOpt entries as Docker's daemon does: `no-new-privileges` alone or with a boolean,
 * `seccomp=unconfined` or `seccomp=<profile JSON>` (the docker CLI reads a profile file and sends
 * its content), and `key:value` as the deprecated spelling of `key=value` that Compose files still
 * use. `apparmor=` and `label=` are accepted and have no effect: berth applies no AppArmor profile
 * or SELinux label, as Docker does on hosts without them.
 */
export function parseSecurityOptions(options: readonly string[] | null | undefined): SecurityOptions {
  const result: SecurityOptions = { noNewPrivileges: false, seccomp: 'default' };
  for (const option of options ?? []) {
    if (option === 'no-new-privileges') {
      result.noNewPrivileges = true;
      continue;
    }
    if (option === 'disable') continue; // `label=disable`'s short form
    const separator = option.includes('=') ? option.indexOf('=') : option.indexOf(':');
    if (separator === -1) throw invalidOption(option);
    const key = option.slice(0, separator);
    const value = option.slice(separator + 1);
    switch (key) {
      case 'no-new-privileges':
        result.noNewPrivileges = goBoolean(value, option);
        break;
      case 'seccomp':
        result.seccomp = value === 'unconfined' ? 'unconfined' : { profileJson: value };
        break;
      case 'apparmor':
      case 'label':
        break;
      default:
        throw invalidOption(option);
    }
  }
  return result;
}

/** Go's strconv.ParseBool, which Docker uses for `no-new-privileges=`. */
function goBoolean(text: string, option: string): boolean {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) return false;
  throw invalidOption(option);
}

function invalidOption(option: string): BerthError {
  return new BerthError({
    code: 'CONTAINER_SECURITY_OPT_INVALID',
    kind: 'usage',
    message: `invalid security_opt: "${option}"`,
    hint: 'berth understands no-new-privileges[:true|false], seccomp:unconfined, seccomp:<profile JSON>, apparmor:<profile> and label:<option>',
  });
}
