import type { Command } from 'commander';

export interface LoginCommandOptions {
  username?: string;
  password?: string;
  passwordStdin: boolean;
}

export function registerLogin(program: Command): void {
  program
    .command('login')
    .description('Log in to a registry')
    .argument('[server]', 'registry to log in to, as in image references (default: Docker Hub)')
    .option('-u, --username <username>', 'username')
    .option('-p, --password <password>', 'password (insecure: it shows in the process list and shell history; use --password-stdin)')
    .option('--password-stdin', 'take the password from standard input', false)
    .action(async (server: string | undefined, options: LoginCommandOptions) => {
      const { runLogin } = await import('./login-run.js');
      await runLogin(server, options);
    });
}
