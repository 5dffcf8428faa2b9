// A child for the ProcessPool tests that misbehaves on request: it answers like the pdf-parse child does.
// Plain JavaScript, so it starts without tsx in a fraction of a second.
const send = process.send.bind(process);
const held = [];

process.on('message', ({ id, input }) => {
  const answer = (reply) => send({ id, ...reply, peakRssKb: process.resourceUsage().maxRSS });
  switch (input) {
    case 'spin':
      for (;;); // hangs the process: only a signal can stop it
    case 'heap': {
      const hoard = [];
      for (;;) hoard.push(new Array(1e6).fill(Math.random()));
    }
    case 'buffers':
      // Outside the V8 heap, as a stream pdf.js inflates is: only the address-space cap stops this.
      try {
        for (;;) held.push(Buffer.alloc(64 * 1024 * 1024, 1));
      } catch (err) {
        held.length = 0;
        answer({ ok: false, message: err.message, outOfMemory: true });
      }
      return;
    case 'exit':
      process.exit(3);
    case 'throw':
      setImmediate(() => {
        throw new Error('uncaught in child');
      });
      return;
    case 'fail':
      answer({ ok: false, message: 'the input was bad' });
      return;
    default:
      answer({ ok: true, value: `${input}@${process.pid}` });
  }
});
send({ ready: true });
