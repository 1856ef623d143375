import type { RawContainerConfig } from './image-config.js';

/**
 * Docker's `container.Config` as inspect shows an image's `Config`: every field, in Docker's
 * order, zero values where the image says nothing, and the `omitempty` ones only when set.
 * Docker reads the stored JSON into that struct and writes it back, which is what this repeats.
 */
export interface DockerContainerConfig {
  Hostname: string;
  Domainname: string;
  User: string;
  AttachStdin: boolean;
  AttachStdout: boolean;
  AttachStderr: boolean;
  ExposedPorts?: Record<string, object>;
  Tty: boolean;
  OpenStdin: boolean;
  StdinOnce: boolean;
  Env: string[] | null;
  Cmd: string[] | null;
  Healthcheck?: object;
  ArgsEscaped?: boolean;
  Image: string;
  Volumes: Record<string, object> | null;
  WorkingDir: string;
  Entrypoint: string[] | null;
  NetworkDisabled?: boolean;
  MacAddress?: string;
  OnBuild: string[] | null;
  Labels: Record<string, string> | null;
  StopSignal?: string;
  StopTimeout?: number;
  Shell?: string[];
}

export function dockerContainerConfig(raw: RawContainerConfig): DockerContainerConfig {
  const text = (key: string): string => (typeof raw[key] === 'string' ? (raw[key] as string) : '');
  const flag = (key: string): boolean => raw[key] === true;
  const list = (key: string): string[] | null => (Array.isArray(raw[key]) ? (raw[key] as string[]) : null);
  const map = <T>(key: string): T | null => (isObject(raw[key]) ? (raw[key] as T) : null);
  const config: DockerContainerConfig = {
    Hostname: text('Hostname'),
    Domainname: text('Domainname'),
    User: text('User'),
    AttachStdin: flag('AttachStdin'),
    AttachStdout: flag('AttachStdout'),
    AttachStderr: flag('AttachStderr'),
    ...nonEmpty('ExposedPorts', map<Record<string, object>>('ExposedPorts'), (ports) => Object.keys(ports).length > 0),
    Tty: flag('Tty'),
    OpenStdin: flag('OpenStdin'),
    StdinOnce: flag('StdinOnce'),
    Env: list('Env'),
    Cmd: list('Cmd'),
    ...nonEmpty('Healthcheck', map<object>('Healthcheck'), () => true),
    ...nonEmpty('ArgsEscaped', flag('ArgsEscaped'), (value) => value),
    Image: text('Image'),
    Volumes: map('Volumes'),
    WorkingDir: text('WorkingDir'),
    Entrypoint: list('Entrypoint'),
    ...nonEmpty('NetworkDisabled', flag('NetworkDisabled'), (value) => value),
    ...nonEmpty('MacAddress', text('MacAddress'), (value) => value !== ''),
    OnBuild: list('OnBuild'),
    Labels: map('Labels'),
    ...nonEmpty('StopSignal', text('StopSignal'), (value) => value !== ''),
    ...nonEmpty('StopTimeout', typeof raw.StopTimeout === 'number' ? raw.StopTimeout : null, () => true),
    ...nonEmpty('Shell', list('Shell'), (value) => value.length > 0),
  };
  return config;
}

/** `{key: value}` when Go's `omitempty` would write the field, `{}` otherwise. */
function nonEmpty<K extends string, T>(key: K, value: T | null, present: (value: T) => boolean): Partial<Record<K, T>> {
  return value !== null && present(value) ? ({ [key]: value } as Partial<Record<K, T>>) : {};
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
