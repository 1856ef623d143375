import { join } from 'node:path';

/**
 * The files of one container's monitor, all in the directory the engine gives it (conmon's
 * `--persist-dir`). conmon writes `exit` (the exit code as decimal text; its mtime is the exit
 * time) and `oom` (present when the kernel's OOM killer hit the container's cgroup) there itself,
 * so both are recorded while no engine runs. The engine reads them back when it returns.
 */
export interface MonitorFiles {
  directory: string;
  /** conmon's own PID, written by conmon before it detaches: what re-adoption checks is alive. */
  conmonPid: string;
  /** The container's init PID as the host sees it, written by runc create. */
  containerPid: string;
  exit: string;
  oom: string;
  /** runc's JSON log for the create that conmon runs. */
  runcCreateLog: string;
}

export function monitorFiles(directory: string): MonitorFiles {
  return {
    directory,
    conmonPid: join(directory, 'conmon.pid'),
    containerPid: join(directory, 'pid'),
    exit: join(directory, 'exit'),
    oom: join(directory, 'oom'),
    runcCreateLog: join(directory, 'runc-create.json'),
  };
}

/**
 * What conmon leaves in the bundle: the attach socket (`--full-attach` puts it there), the
 * control FIFO (`1 H W` resizes the terminal, `2 0 0` reopens the log) and the resize FIFO.
 */
export function bundleMonitorFiles(bundle: string): { attach: string; ctl: string; winsz: string } {
  return { attach: join(bundle, 'attach'), ctl: join(bundle, 'ctl'), winsz: join(bundle, 'winsz') };
}
