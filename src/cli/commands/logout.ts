import type { Command } from 'commander';

export function registerLogout(program: Command): void {
  program
    .command('logout')
    .description('Log out from a registry')
    .argument('[server]', 'registry to log out from (default: Docker Hub)')
    .action(async (server: string | undefined) => {
      const { runLogout } = await import('./logout-run.js');
      await runLogout(server);
    });
}
