import { BerthError } from '../../errors/index.js';
import { DaemonLog, resolveDaemonConfig, startDaemon, type DaemonFlags, type RunningDaemon } from '../../daemon/index.js';
import { berthVersion } from '../version-info.js';

const signalNumbers: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 2, SIGTERM: 15 };

/**
 * `berth daemon`: checks for root, resolves the settings (a bad flag or config file fails before
 * anything is touched), opens the log, starts the daemon and serves until SIGTERM or SIGINT. The
 * first signal shuts down gracefully and exits 0, leaving containers running; a second one exits
 * at once (128 + signal), as a crash would, for the next start to repair. SIGHUP is logged and
 * ignored: berth does not reload its configuration.
 */
export async function runDaemon(flags: DaemonFlags): Promise<number> {
  // First, as dockerd does: without root even the config file may be out of reach.
  if (process.getuid?.() !== 0) {
    throw new BerthError({
      code: 'DAEMON_NEEDS_ROOT',
      kind: 'usage',
      message: "berth's daemon needs to be started with root privileges (it mounts file systems, makes network devices and runs runc)",
      hint: 'start it as root: sudo berth daemon',
    });
  }
  const config = resolveDaemonConfig(flags, process.env);
  const log = DaemonLog.open(config.logFile, config.logLevel);
  let daemon: RunningDaemon;
  try {
    daemon = await startDaemon(config, { version: berthVersion(), log });
  } catch (error) {
    // The log keeps the reason; the CLI prints it once more with its hint, and exits non-zero.
    log.error(`failed to start daemon: ${error instanceof Error ? error.message : String(error)}`);
    log.close();
    throw error;
  }
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals): void => {
    signals += 1;
    if (signals > 1) {
      log.warn(`Forcing shutdown on a second signal '${signal}'`);
      daemon.abandon();
      process.exit(128 + (signalNumbers[signal] ?? 15));
    }
    log.info(`Processing signal '${signal}'`);
    daemon.stop().then(
      () => exit(log, 0),
      (error: unknown) => {
        log.error(`shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
        daemon.abandon();
        exit(log, 1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  process.on('SIGHUP', () => log.warn("Ignoring SIGHUP: berth's daemon does not reload its configuration; restart it to apply changes"));
  process.on('uncaughtException', (error) => {
    log.error(`fatal: ${error.stack ?? error.message}`);
    daemon.abandon();
    exit(log, 1);
  });
  return 0;
}

/** The daemon's end: watchers and timers the engine left would otherwise keep the process alive. */
function exit(log: DaemonLog, code: number): never {
  log.close();
  process.exit(code);
}
