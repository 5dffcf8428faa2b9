// `ulimit -v` caps the address space of the exec'd command: POSIX sh has it everywhere, prlimit is not. The
// cap covers every allocation of the process (heap, ArrayBuffers, native buffers), unlike a V8 heap limit.
// One malloc arena per core reserves 64 MB of address space for each thread that touches it; two keep
// Node's fixed reservation small and predictable, so the cap is spent on the PDF rather than on arenas.
const CAPPED_EXEC = 'ulimit -v "$1" || exit 126; shift; export MALLOC_ARENA_MAX=2; exec "$@"';

/** Exit status of the capping shell when the limit could not be set (never that of the command itself). */
export const CAP_FAILED_EXIT = 126;

/**
 * `sh` and its arguments that run `command args` with its address space capped at `maxAddressSpaceMb`.
 * The shell execs the command, so the spawned process's pid and signals are the command's.
 */
export function cappedCommand(maxAddressSpaceMb: number, command: string, args: readonly string[]): [string, string[]] {
  return ['sh', ['-c', CAPPED_EXEC, 'sh', String(Math.floor(maxAddressSpaceMb * 1024)), command, ...args]];
}
