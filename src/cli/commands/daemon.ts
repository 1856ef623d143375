import type { Command } from 'commander';
import type { DaemonFlags } from '../../daemon/index.js';
import { collect } from '../option-parsers.js';

/** `berth daemon`: the flags are dockerd's names, so a dockerd command line or unit file carries over. */
export function registerDaemon(program: Command): void {
  program
    .command('daemon')
    .description("Run berth's container engine: the Docker Engine API on a UNIX socket (as root)")
    .option('-H, --host <socket>', 'socket to listen on, unix:///path (default unix:///run/berth/berth.sock)', collect)
    .option('--data-root <directory>', 'root directory of persistent state (default /var/lib/berth)')
    .option('--exec-root <directory>', 'root directory of run-time state (default /run/berth)')
    .option('-p, --pidfile <file>', 'path of the pid file (default /run/berth/berth.pid)')
    .option('--config-file <file>', 'daemon configuration file (default /etc/berth/daemon.json)')
    .option('--registry-mirror <url>', 'preferred Docker Hub mirror; repeatable', collect)
    .option('--insecure-registry <host>', 'registry reached over plain HTTP or without TLS verification; repeatable', collect)
    .option('--default-address-pool <pool>', 'where networks get subnets: base=CIDR,size=PREFIX; repeatable', collect)
    .option('-l, --log-level <level>', 'debug, info, warn, error or fatal (default info)')
    .option('-D, --debug', 'log at debug level')
    .option('--label <key=value>', 'a label of the engine, shown by docker info; repeatable', collect)
    .option('--log-driver <driver>', "containers' default log driver (json-file, the only one)")
    .option('--log-opt <key=value>', "containers' default json-file options (max-size, max-file); repeatable", collect)
    .option('--default-runtime <name>', 'OCI runtime for containers, runc or a name from "runtimes" (default runc)')
    .option('-b, --bridge <device>', "the default bridge network's device (default berth0)")
    .option('--cgroup-parent <path>', "parent cgroup of the containers' cgroups (default berth)")
    .option('--log-file <file>', "the daemon's log file, written beside stderr (default <data-root>/berth.log)")
    .option('--berth-chain-prefix <prefix>', "what berth's iptables chains are named after (default BERTH), for engines side by side")
    .action(async (flags: DaemonFlags) => {
      const { runDaemon } = await import('./daemon-run.js');
      process.exitCode = await runDaemon(flags);
    });
}
