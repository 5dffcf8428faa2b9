import { spawnSync } from 'node:child_process';

const probed = new Map<string, boolean>();

/**
 * Whether `command` can be started (found on PATH and executable), asked once per process: running
 * `<command> -v` lets the OS search PATH, so nothing here reads the environment itself.
 */
export function commandAvailable(command: string): boolean {
  let ok = probed.get(command);
  if (ok === undefined) {
    // Old poppler versions exit 99 for -v; only failing to start at all means "absent".
    const result = spawnSync(command, ['-v'], { stdio: 'ignore', timeout: 5_000 });
    ok = result.error === undefined;
    probed.set(command, ok);
  }
  return ok;
}
