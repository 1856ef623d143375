import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempProject } from '../../helpers/temp-project.js';

export interface TempConfig {
  berthConfig: string;
  dockerConfig: string;
  home: string;
  /** An environment that points every lookup at the temporary directories and sets no engine variable. */
  env: Record<string, string>;
}

/** Empty berth and docker configuration directories and a home, all removed after the test. */
export function tempConfig(): TempConfig {
  const root = tempProject({}, 'config');
  const berthConfig = join(root, 'berth');
  const dockerConfig = join(root, 'docker');
  const home = join(root, 'home');
  const env = {
    HOME: home,
    BERTH_CONFIG: berthConfig,
    DOCKER_CONFIG: dockerConfig,
    BERTH_HOST: '',
    DOCKER_HOST: '',
    BERTH_CONTEXT: '',
    DOCKER_CONTEXT: '',
  };
  return { berthConfig, dockerConfig, home, env };
}

/** Writes a context as the docker CLI does (written out here by hand, independently of berth's store). */
export function writeDockerContext(dockerConfig: string, name: string, host: string, description = ''): string {
  const directory = join(dockerConfig, 'contexts', 'meta', createHash('sha256').update(name).digest('hex'));
  mkdirSync(directory, { recursive: true });
  const metadata = description === '' ? {} : { Description: description };
  writeFileSync(join(directory, 'meta.json'), JSON.stringify({ Name: name, Metadata: metadata, Endpoints: { docker: { Host: host, SkipTLSVerify: false } } }));
  return directory;
}

export function writeCurrentContextFile(configDirectory: string, name: string): void {
  mkdirSync(configDirectory, { recursive: true });
  writeFileSync(join(configDirectory, 'config.json'), JSON.stringify({ currentContext: name }));
}
