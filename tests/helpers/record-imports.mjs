// Loaded with `node --import`: appends every module URL the process resolves to the file RECORD_IMPORTS names,
// so a test can see what a command loaded without a timing threshold.
import { register } from 'node:module';

const hooks = `
import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  appendFileSync(${JSON.stringify(process.env.RECORD_IMPORTS)}, resolved.url + '\\n');
  return resolved;
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
