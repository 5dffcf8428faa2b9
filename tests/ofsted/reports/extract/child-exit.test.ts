import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { childExitReason } from '../../../../src/ofsted/reports/extract/child-exit.js';

// stderr texts as Node 20 prints them.
describe('childExitReason', () => {
  it('reads a full V8 heap as out of memory, quoting the line that says so', () => {
    const stderr = '\n<--- Last few GCs --->\n[123:0x5]  800 ms: Mark-Compact 60.1 (66.0) -> 59.9 (66.2) MB\n\n' +
      'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory\n 1: 0xb8d0a3 node::Abort() [node]\n';
    assert.deepEqual(childExitReason({ code: null, signal: 'SIGABRT', stderr }), {
      reason: 'out-of-memory',
      message: 'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory',
    });
  });
  it('reads native memory refused by the address-space cap as out of memory', () => {
    assert.equal(childExitReason({ code: null, signal: 'SIGABRT', stderr: 'memory allocation of 160 bytes failed\n' }).reason, 'out-of-memory');
    assert.equal(childExitReason({ code: null, signal: 'SIGABRT', stderr: "terminate called after throwing an instance of 'std::bad_alloc'\n" }).reason, 'out-of-memory');
  });
  it('says the cap could not be set when the shell gave up before node started', () => {
    assert.deepEqual(childExitReason({ code: 126, signal: null, stderr: 'sh: 1: ulimit: error setting limit (Operation not permitted)\n' }), {
      reason: 'crashed',
      message: 'the memory cap could not be set (ulimit -v)',
    });
  });
  it('reads anything else as a crash, with the error line when there is one', () => {
    const stderr = 'file:///x/child.mjs:20\n        throw new Error(\'uncaught in child\');\n        ^\n\nError: uncaught in child\n    at Immediate.<anonymous> (file:///x/child.mjs:20:15)\n\nNode.js v20.20.2\n';
    assert.deepEqual(childExitReason({ code: 1, signal: null, stderr }), { reason: 'crashed', message: 'exit code 1: Error: uncaught in child' });
    assert.deepEqual(childExitReason({ code: null, signal: 'SIGSEGV', stderr: '' }), { reason: 'crashed', message: 'killed by SIGSEGV' });
  });
});
