import type { ChildProcess } from 'node:child_process';
import type { Socket } from 'node:net';

// A long-running child (a daemon, a private redis-server) must never keep a test file's process alive: if a
// test fails before stopping it, the file would never exit and the whole suite would hang until CI gives up.
// Tracked children do not hold the event loop, and whatever is still running when the file exits is killed.

const live = new Set<ChildProcess>();

process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/** Let `child` outlive nothing: unref it and its pipes, and SIGKILL it when this process exits. */
export function reapOnExit(child: ChildProcess): ChildProcess {
  live.add(child);
  child.once('exit', () => live.delete(child));
  child.unref();
  for (const stream of [child.stdin, child.stdout, child.stderr]) (stream as Socket | null)?.unref?.();
  return child;
}
