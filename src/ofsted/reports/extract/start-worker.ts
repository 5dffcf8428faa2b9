import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Start a worker on `entry`, a module next to the caller. Compiled code runs the .js file directly. Source
 * run through tsx (the tests) needs tsx inside the worker too, and Node 20 does not apply `--import` hooks
 * to workers, so a one-line bootstrap registers tsx before importing the .ts entry.
 */
export function startWorker(entry: URL, options: WorkerOptions = {}): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, options);
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { ...options, eval: true, execArgv: [] });
}

/** URL of a sibling module of `base` (an import.meta.url), with the extension the caller itself runs with. */
export function siblingModule(name: string, base: string): URL {
  return new URL(`./${name}${base.endsWith('.ts') ? '.ts' : '.js'}`, base);
}
