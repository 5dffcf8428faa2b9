import { CAP_FAILED_EXIT } from './capped-command.js';

/** How a pooled child process ended while it held a task. */
export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The tail of what it wrote on stderr. */
  stderr: string;
}

// What Node, V8, glibc and Rust-built parts of Node print when an allocation fails, from a V8 heap at its
// cap ("JavaScript heap out of memory") to native code refused by the address-space cap.
const OUT_OF_MEMORY = /out of memory|allocation failed|memory allocation of \d+ bytes failed|bad_alloc|cannot allocate memory/i;

/**
 * Why a child died holding a task, read from how it ended: 'out-of-memory' when it says an allocation
 * failed (V8 aborts on a full heap; native code aborts when the address-space cap refuses memory), else
 * 'crashed'. Pure.
 */
export function childExitReason(exit: ChildExit): { reason: 'out-of-memory' | 'crashed'; message: string } {
  if (OUT_OF_MEMORY.test(exit.stderr)) return { reason: 'out-of-memory', message: reasonLine(exit.stderr) };
  if (exit.code === CAP_FAILED_EXIT) return { reason: 'crashed', message: 'the memory cap could not be set (ulimit -v)' };
  const how = exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.code}`;
  const said = reasonLine(exit.stderr);
  return { reason: 'crashed', message: said ? `${how}: ${said}` : how };
}

/** The line that says why (Node prints a stack of native frames around it), bounded. */
function reasonLine(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  const reason = lines.find((l) => OUT_OF_MEMORY.test(l)) ?? lines.find((l) => /^(?:\w*Error|FATAL ERROR)\b/.test(l)) ?? lines.at(-1) ?? '';
  return reason.slice(0, 160);
}
