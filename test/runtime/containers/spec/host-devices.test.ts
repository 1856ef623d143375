import { describe, expect, it } from 'vitest';
import { hostDevices } from '../../../../src/runtime/containers/spec/host-devices.js';

describe("the host's devices for a privileged container", () => {
  it('lists character and block devices with their numbers, leaving out /dev/console and /dev/pts', async () => {
    const devices = await hostDevices();
    expect(devices).toContainEqual({ path: '/dev/null', type: 'c', major: 1, minor: 3, fileMode: 0o666, uid: 0, gid: 0 });
    expect(devices.map((device) => device.path)).not.toContain('/dev/console');
    expect(devices.some((device) => device.path.startsWith('/dev/pts/'))).toBe(false);
  });
});
