// A worker for the WorkerPool tests that misbehaves on request: it answers like the pdf-parse worker does.
import { parentPort, threadId } from 'node:worker_threads';

const port = parentPort!;
port.on('message', ({ id, input }: { id: number; input: string }) => {
  switch (input) {
    case 'spin':
      for (;;); // hangs the thread: only terminate() can stop it
    case 'oom': {
      const hoard: number[][] = [];
      for (;;) hoard.push(new Array(1e6).fill(Math.random()));
    }
    case 'exit':
      process.exit(3);
    case 'throw':
      setImmediate(() => {
        throw new Error('uncaught in worker');
      });
      return;
    case 'fail':
      port.postMessage({ id, ok: false, message: 'the input was bad' });
      return;
    default:
      port.postMessage({ id, ok: true, value: `${input}@${threadId}` });
  }
});
