import { describe, expect, it } from 'vitest';
import { capabilitiesFromMask, capabilityNames, containerCapabilities, defaultCapabilities } from '../../../../src/runtime/containers/spec/capabilities.js';
import { berthErrorOf } from '../../../helpers/error-of.js';

/** A kernel with capabilities up to CAP_CHECKPOINT_RESTORE (40) and an engine holding all of them. */
const fullHost = { lastCapability: 40, engineBounding: new Set(capabilityNames) };
/** This kind of sandbox: the engine's bounding set lacks CAP_SYS_RESOURCE (CapBnd 000001fffeffffff). */
const sandboxHost = { lastCapability: 40, engineBounding: capabilitiesFromMask('000001fffeffffff') };

describe('capability arithmetic', () => {
  it("gives Docker's fourteen defaults in Docker's order", () => {
    expect(containerCapabilities({}, fullHost)).toEqual([
      'CAP_CHOWN', 'CAP_DAC_OVERRIDE', 'CAP_FSETID', 'CAP_FOWNER', 'CAP_MKNOD', 'CAP_NET_RAW', 'CAP_SETGID',
      'CAP_SETUID', 'CAP_SETFCAP', 'CAP_SETPCAP', 'CAP_NET_BIND_SERVICE', 'CAP_SYS_CHROOT', 'CAP_KILL', 'CAP_AUDIT_WRITE',
    ]);
  });

  it('drops, then appends adds, accepting any case and names without CAP_', () => {
    expect(containerCapabilities({ capAdd: ['sys_admin'], capDrop: ['CAP_NET_RAW', 'mknod'] }, fullHost)).toEqual([
      ...defaultCapabilities.filter((name) => name !== 'CAP_NET_RAW' && name !== 'CAP_MKNOD'),
      'CAP_SYS_ADMIN',
    ]);
  });

  it('lists a capability added twice, or added while a default, once', () => {
    expect(containerCapabilities({ capAdd: ['CHOWN', 'NET_ADMIN', 'net_admin'] }, fullHost)).toEqual([...defaultCapabilities, 'CAP_NET_ADMIN']);
  });

  it('starts from every capability with cap_add ALL, minus cap_drop', () => {
    const result = containerCapabilities({ capAdd: ['all'], capDrop: ['SYS_ADMIN'] }, fullHost);
    expect(result).toHaveLength(40);
    expect(result).not.toContain('CAP_SYS_ADMIN');
    expect(result[0]).toBe('CAP_CHOWN');
  });

  it('starts from nothing with cap_drop ALL, plus cap_add', () => {
    expect(containerCapabilities({ capDrop: ['ALL'], capAdd: ['NET_BIND_SERVICE'] }, fullHost)).toEqual(['CAP_NET_BIND_SERVICE']);
    expect(containerCapabilities({ capDrop: ['ALL'] }, fullHost)).toEqual([]);
  });

  it('gives a privileged container every capability, whatever cap_drop says', () => {
    expect(containerCapabilities({ privileged: true, capDrop: ['ALL'] }, fullHost)).toEqual(capabilityNames);
  });

  it('knows only the capabilities this kernel has', () => {
    const olderKernel = { lastCapability: 37, engineBounding: new Set(capabilityNames) };
    expect(containerCapabilities({ privileged: true }, olderKernel)).toHaveLength(38);
    const error = berthErrorOf(() => containerCapabilities({ capAdd: ['BPF'] }, olderKernel));
    expect(error).toMatchObject({ code: 'CONTAINER_CAPABILITY_UNKNOWN', kind: 'usage', message: 'unknown capability: "CAP_BPF"' });
    expect(berthErrorOf(() => containerCapabilities({ capDrop: ['NOT_A_CAP'] }, fullHost)).message).toBe('unknown capability: "CAP_NOT_A_CAP"');
  });

  it('gives "all" as what the engine holds, and refuses a capability it lacks by name', () => {
    expect(containerCapabilities({ privileged: true }, sandboxHost)).toEqual(capabilityNames.filter((name) => name !== 'CAP_SYS_RESOURCE'));
    expect(containerCapabilities({ capAdd: ['ALL'] }, sandboxHost)).not.toContain('CAP_SYS_RESOURCE');
    const error = berthErrorOf(() => containerCapabilities({ capAdd: ['SYS_RESOURCE'] }, sandboxHost));
    expect(error).toMatchObject({ code: 'CONTAINER_CAPABILITY_UNAVAILABLE', message: 'the engine cannot grant CAP_SYS_RESOURCE: it does not hold that capability itself' });
  });

  it('reads a /proc status mask: 00000000a80425fb is the default set', () => {
    expect([...capabilitiesFromMask('00000000a80425fb')].sort()).toEqual([...defaultCapabilities].sort());
  });
});
