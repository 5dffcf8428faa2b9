#!/usr/bin/env node
// Runs the compiled CLI; `npm run build` (part of the install steps in README) produces dist/.
import module from 'node:module';

// Node 22.1+ (the image runs 24) keeps compiled module code between runs, so a command that loads the store starts
// sooner after the first; Node 20 has no such cache and skips this (not measured here: this machine has Node 20).
module.enableCompileCache?.();

import('../dist/src/cli/main.js').catch((err) => {
  if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist/src/cli')) {
    process.stderr.write('ofsted-monitor is not built yet: run `npm run build` first\n');
    process.exit(1);
  }
  throw err;
});
