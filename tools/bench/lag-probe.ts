// Loaded into a daemon process by the API load bench (`node --import <this file>`): on each SIGUSR2 it writes
// the event-loop delay seen since the previous one (or since start) to stderr as one JSON line,
// `{"benchLag":{"p50Ms","p99Ms","maxMs"}}`, and starts a new window. The daemon itself only reports its
// delay when it stops; the bench needs it for a window of its choosing while the process keeps running.
import { EventLoopLag } from '../../workers/event-loop-lag.js';

const lag = new EventLoopLag();
process.on('SIGUSR2', () => {
  process.stderr.write(`${JSON.stringify({ benchLag: lag.snapshot() })}\n`);
  lag.reset();
});
