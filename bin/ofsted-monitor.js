#!/usr/bin/env node
// Runs the compiled CLI; `npm run build` (part of the install steps in README) produces dist/.
import('../dist/src/cli/main.js').catch((err) => {
  if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist/src/cli')) {
    process.stderr.write('ofsted-monitor is not built yet: run `npm run build` first\n');
    process.exit(1);
  }
  throw err;
});
