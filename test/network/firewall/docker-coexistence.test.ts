import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, expect, test } from 'vitest';
import { describeAsRoot } from '../../harness/root.js';

const scenario = fileURLToPath(new URL('./docker-coexistence.fixture.ts', import.meta.url));

/** Runs the scenario in a network namespace of its own and returns its observations. */
function runScenario(): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn('unshare', ['--net', '--', process.execPath, '--import', 'tsx', scenario], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (piece: string) => (stdout += piece));
    child.stderr.setEncoding('utf8').on('data', (piece: string) => (stderr = (stderr + piece).slice(-8_000)));
    child.on('error', reject);
    child.on('close', (code) => {
      const last = stdout.trim().split('\n').pop() ?? '';
      if (code === 0 && last.startsWith('{')) resolve(JSON.parse(last) as Record<string, unknown>);
      else reject(new Error(`the coexistence scenario exited with ${code}:\n${stderr}`));
    });
  });
}

describeAsRoot('coexistence with a dockerd that programs iptables', () => {
  let seen: Record<string, unknown> = {};
  beforeAll(async () => {
    seen = await runScenario();
  }, 120_000);

  test("dockerd's FORWARD policy is DROP and berth's jump comes first in FORWARD", () => {
    expect(seen.forwardPolicy).toBe('DROP');
    expect(seen.berthJumpFirst).toBe(true);
    // Until berth's next change: dockerd inserts a new network's rules at the top of FORWARD.
    expect(seen.berthJumpFirstAfterDockerNetwork).toBe(false);
  });

  for (const when of ['berth first', 'docker network after berth']) {
    test(`published ports, traffic between containers, hairpin and egress still work (${when})`, () => {
      const addresses = seen.addresses as Record<string, string>;
      expect(seen[`${when}:published on 127.0.0.1`]).toBe(addresses.berthGateway);
      expect(seen[`${when}:published on the host address`]).toBe(addresses.host);
      expect(seen[`${when}:between berth containers`]).toMatch(/^10\.\d+\.\d+\.\d+$/);
      expect(seen[`${when}:hairpin`]).toBe(addresses.berthGateway);
      expect(seen[`${when}:egress`]).toBe(addresses.outsideHost);
    });

    test(`berth's containers and Docker's cannot open connections to each other, except through published ports (${when})`, () => {
      expect(seen[`${when}:host to the docker container`]).toBe('docker-answer');
      expect(seen[`${when}:berth to the docker container`]).toBe('');
      expect(seen[`${when}:docker container to berth`]).toBe('no answer');
      expect(seen[`${when}:docker container to berth's published port`]).toBe('answered');
    });
  }

  test("removing berth's rules leaves dockerd's filter and nat rules byte for byte as they were", () => {
    expect(seen.dockerRulesDiff).toBeUndefined();
    expect(seen.dockerRulesUnchanged).toBe(true);
    expect(seen.berthLinesLeft).toEqual([]);
  });
});
