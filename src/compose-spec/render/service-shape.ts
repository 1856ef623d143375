import { listOf, mapOf, struct, type FieldRow, type StructShape } from './shape.js';

/*
 * compose-go's service types (types/types.go, build.go, healthcheck.go, develop.go, hooks.go,
 * envfile.go, device.go), field by field in declaration order: the order `docker compose config`
 * prints them in.
 */

const strings = listOf('string');
const stringMap = mapOf('string');

const fileReference = struct([
  ['source', 'string'],
  ['target', 'string'],
  ['uid', 'string'],
  ['gid', 'string'],
  ['mode', 'fileMode', 'pointer'],
]);

const ulimits = mapOf('ulimit');

const deviceRequest = struct([
  ['capabilities', strings],
  ['driver', 'string'],
  ['count', 'int'],
  ['device_ids', strings],
  ['options', stringMap],
], false);

const serviceHook = struct([
  ['command', 'shellCommand'],
  ['user', 'string'],
  ['privileged', 'bool'],
  ['working_dir', 'string'],
  ['environment', mapOf('string')],
]);

const build = struct([
  ['context', 'string'],
  ['dockerfile', 'string'],
  ['dockerfile_inline', 'string'],
  ['entitlements', strings],
  ['args', mapOf('string')],
  ['provenance', 'string'],
  ['sbom', 'string'],
  ['ssh', listOf('sshKey')],
  ['labels', stringMap],
  ['cache_from', strings],
  ['cache_to', strings],
  ['no_cache', 'bool'],
  ['no_cache_filter', strings],
  ['additional_contexts', stringMap],
  ['pull', 'bool'],
  ['extra_hosts', strings],
  ['isolation', 'string'],
  ['network', 'string'],
  ['target', 'string'],
  ['secrets', listOf(fileReference)],
  ['shm_size', 'bytes'],
  ['tags', strings],
  ['ulimits', ulimits],
  ['platforms', strings],
  ['privileged', 'bool'],
]);

const develop = struct([
  ['watch', listOf(struct([
    ['path', 'string', 'always'],
    ['action', 'string', 'always'],
    ['target', 'string'],
    ['exec', serviceHook],
    ['ignore', strings],
    ['include', strings],
    ['initial_sync', 'bool'],
  ]))],
]);

const weightDevice = struct([['path', 'string', 'always', 'untagged'], ['weight', 'int', 'always', 'untagged']]);
const throttleDevice = struct([['path', 'string', 'always', 'untagged'], ['rate', 'bytes', 'always', 'untagged']]);

const blkio = struct([
  ['weight', 'int'],
  ['weight_device', listOf(weightDevice)],
  ['device_read_bps', listOf(throttleDevice)],
  ['device_read_iops', listOf(throttleDevice)],
  ['device_write_bps', listOf(throttleDevice)],
  ['device_write_iops', listOf(throttleDevice)],
]);

const updateConfig = struct([
  ['parallelism', 'int', 'pointer'],
  ['delay', 'duration'],
  ['failure_action', 'string'],
  ['monitor', 'duration'],
  ['max_failure_ratio', 'float32'],
  ['order', 'string'],
]);

const resource = struct([
  ['cpus', 'float32'],
  ['memory', 'bytes'],
  ['pids', 'int'],
  ['devices', listOf(deviceRequest)],
  ['generic_resources', listOf(struct([
    ['discrete_resource_spec', struct([['kind', 'string', 'always'], ['value', 'int', 'always']]), 'pointer'],
  ]))],
]);

const deploy = struct([
  ['mode', 'string'],
  ['replicas', 'int', 'pointer'],
  ['labels', stringMap],
  ['update_config', updateConfig, 'pointer'],
  ['rollback_config', updateConfig, 'pointer'],
  ['resources', struct([['limits', resource, 'pointer'], ['reservations', resource, 'pointer']])],
  ['restart_policy', struct([
    ['condition', 'string'],
    ['delay', 'duration', 'pointer'],
    ['max_attempts', 'int', 'pointer'],
    ['window', 'duration', 'pointer'],
  ]), 'pointer'],
  ['placement', struct([
    ['constraints', strings],
    ['preferences', listOf(struct([['spread', 'string']]))],
    ['max_replicas_per_node', 'int'],
  ])],
  ['endpoint_mode', 'string'],
]);

const healthcheck = struct([
  ['test', strings],
  ['timeout', 'duration', 'pointer'],
  ['interval', 'duration', 'pointer'],
  ['retries', 'int', 'pointer'],
  ['start_period', 'duration', 'pointer'],
  ['start_interval', 'duration', 'pointer'],
  ['disable', 'bool'],
]);

const serviceNetwork = struct([
  ['aliases', strings],
  ['driver_opts', stringMap],
  ['gw_priority', 'int'],
  ['interface_name', 'string'],
  ['ipv4_address', 'string'],
  ['ipv6_address', 'string'],
  ['link_local_ips', strings],
  ['mac_address', 'string'],
  ['priority', 'int'],
]);

const port = struct([
  ['name', 'string'],
  ['mode', 'string'],
  ['host_ip', 'string'],
  ['target', 'int'],
  ['published', 'string'],
  ['protocol', 'string'],
  ['app_protocol', 'string'],
]);

const serviceVolume = struct([
  ['type', 'string'],
  ['source', 'string'],
  ['target', 'string'],
  ['read_only', 'bool'],
  ['consistency', 'string'],
  ['bind', struct([
    ['selinux', 'string'],
    ['propagation', 'string'],
    ['create_host_path', 'optOut'],
    ['recursive', 'string'],
  ]), 'pointer'],
  ['volume', struct([['labels', stringMap], ['nocopy', 'bool'], ['subpath', 'string']]), 'pointer'],
  ['tmpfs', struct([['size', 'bytes'], ['mode', 'int']]), 'pointer'],
  ['image', struct([['subpath', 'string']]), 'pointer'],
]);

const serviceRows: FieldRow[] = [
  ['profiles', strings],
  ['annotations', stringMap],
  ['attach', 'bool', 'pointer'],
  ['build', build, 'pointer'],
  ['develop', develop, 'pointer'],
  ['blkio_config', blkio, 'pointer'],
  ['cap_add', strings],
  ['cap_drop', strings],
  ['cgroup_parent', 'string'],
  ['cgroup', 'string'],
  ['cpu_count', 'int'],
  ['cpu_percent', 'float32'],
  ['cpu_period', 'int'],
  ['cpu_quota', 'int'],
  ['cpu_rt_period', 'int'],
  ['cpu_rt_runtime', 'int'],
  ['cpus', 'float32'],
  ['cpuset', 'string'],
  ['cpu_shares', 'int'],
  ['command', 'shellCommand'],
  ['configs', listOf(fileReference)],
  ['container_name', 'string'],
  ['credential_spec', struct([['config', 'string'], ['file', 'string'], ['registry', 'string']]), 'pointer'],
  ['depends_on', mapOf(struct([
    ['condition', 'string'],
    ['restart', 'bool'],
    ['required', 'bool', 'always'],
  ]))],
  ['deploy', deploy, 'pointer'],
  ['device_cgroup_rules', strings],
  ['devices', listOf(struct([['source', 'string'], ['target', 'string'], ['permissions', 'string']]))],
  ['dns', strings],
  ['dns_opt', strings],
  ['dns_search', strings],
  ['dockerfile', 'string'],
  ['domainname', 'string'],
  ['entrypoint', 'shellCommand'],
  ['provider', struct([['type', 'string'], ['options', mapOf(strings)]]), 'pointer'],
  ['environment', mapOf('string')],
  ['env_file', listOf(struct([['path', 'string'], ['required', 'optOut'], ['format', 'string']], false))],
  ['expose', strings],
  ['extends', struct([['file', 'string'], ['service', 'string']], false), 'pointer'],
  ['external_links', strings],
  ['extra_hosts', strings],
  ['group_add', strings],
  ['gpus', listOf(deviceRequest)],
  ['hostname', 'string'],
  ['healthcheck', healthcheck, 'pointer'],
  ['image', 'string'],
  ['init', 'bool', 'pointer'],
  ['ipc', 'string'],
  ['isolation', 'string'],
  ['labels', stringMap],
  ['label_file', strings],
  ['links', strings],
  ['logging', struct([['driver', 'string'], ['options', stringMap]]), 'pointer'],
  ['log_driver', 'string'],
  ['log_opt', stringMap],
  ['mem_limit', 'bytes'],
  ['mem_reservation', 'bytes'],
  ['memswap_limit', 'bytes'],
  ['mem_swappiness', 'bytes'],
  ['mac_address', 'string'],
  ['models', mapOf(struct([['endpoint_var', 'string'], ['model_var', 'string']]))],
  ['net', 'string'],
  ['network_mode', 'string'],
  ['networks', mapOf(serviceNetwork)],
  ['oom_kill_disable', 'bool'],
  ['oom_score_adj', 'int'],
  ['pid', 'string'],
  ['pids_limit', 'int'],
  ['platform', 'string'],
  ['ports', listOf(port)],
  ['privileged', 'bool'],
  ['pull_policy', 'string'],
  ['read_only', 'bool'],
  ['restart', 'string'],
  ['runtime', 'string'],
  ['scale', 'int', 'pointer'],
  ['secrets', listOf(fileReference)],
  ['security_opt', strings],
  ['shm_size', 'bytes'],
  ['stdin_open', 'bool'],
  ['stop_grace_period', 'duration', 'pointer'],
  ['stop_signal', 'string'],
  ['storage_opt', stringMap],
  ['sysctls', stringMap],
  ['tmpfs', strings],
  ['tty', 'bool'],
  ['ulimits', ulimits],
  ['use_api_socket', 'bool'],
  ['user', 'string'],
  ['userns_mode', 'string'],
  ['uts', 'string'],
  ['volume_driver', 'string'],
  ['volumes', listOf(serviceVolume)],
  ['volumes_from', strings],
  ['working_dir', 'string'],
  ['post_start', listOf(serviceHook)],
  ['pre_stop', listOf(serviceHook)],
];

export const serviceShape: StructShape = struct(serviceRows);
