import { Command, CommanderError } from 'commander';
import {
  BadInputError,
  OfstedMonitorError,
  ProviderNotFoundError,
  UpstreamUnavailableError,
} from '../errors.js';
import { CLIENT_VERSION } from '../ofsted/site/http-client-options.js';
import type { CliContext } from './context.js';
import type { Lazy } from './lazy-action.js';
import { defineCommands } from './program.js';

// Exit codes (CONTRACT.md): 0 ok, 2 bad input, 3 provider not found, 4 upstream unavailable, 1 anything else.
// Every failure ends with exactly one line on stderr that says what went wrong and what to do.

function hintFor(err: unknown): string {
  if (err instanceof ProviderNotFoundError) return ' (check the URN on reports.ofsted.gov.uk)';
  if (err instanceof UpstreamUnavailableError) return ' (try again later)';
  return '';
}

export async function main(argv: string[]): Promise<number> {
  let context: CliContext | undefined;
  // The context module (config, logger, store) loads with the first action, never for --help or --version.
  const lazy: Lazy = (load) => async (...args) => {
    const [{ CliContext }, action] = await Promise.all([import('./context.js'), load()]);
    await action(() => (context ??= new CliContext()), ...args);
  };

  const program = new Command()
    .name('ofsted-monitor')
    .description('Watch Ofsted inspection outcomes and raise change events when a rating falls')
    .version(CLIENT_VERSION, '--version', 'print the version')
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s.startsWith('error:') ? `ofsted-monitor: ${s.slice(7)}` : s) });

  defineCommands(program, lazy);

  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version exit 0; usage mistakes are bad input.
      return err.exitCode === 0 ? 0 : 2;
    }
    const message = (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
    const hint = hintFor(err);
    process.stderr.write(`ofsted-monitor: ${message}${message.includes(hint.trim().slice(1, -1)) ? '' : hint}\n`);
    // ConfigError is a BadInputError too.
    if (err instanceof BadInputError) return 2;
    if (err instanceof OfstedMonitorError) return err.exitCode;
    // The stack is for developers: LOG_LEVEL=debug shows it.
    context?.logger.debug({ err }, 'unexpected error');
    return 1;
  } finally {
    await context?.close().catch(() => undefined);
  }
}

// A reader that stops early (`| head`) closes the pipe: stop quietly, as other Unix tools do. Not the daemon:
// a supervisor must see it fail, and it has its shutdown to run.
if (process.argv[2] !== 'daemon') {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}

// A command whose work never settles (a lost callback, a deadlock) would otherwise end with exit 0 and no word.
let finished = false;
process.once('beforeExit', () => {
  if (finished) return;
  process.stderr.write('ofsted-monitor: the command stopped before it finished (an internal error; LOG_LEVEL=debug may say more)\n');
  process.exitCode = 1;
});

const code = await main(process.argv.slice(2));
finished = true;
process.exitCode = code;
