import type { CliContext } from './context.js';

/** A command's work: given the (lazily opened) context, then commander's arguments and options. */
export type Action<A extends unknown[]> = (ctx: () => CliContext, ...args: A) => Promise<void>;

/**
 * Wraps an action module's loader into commander's action. Command definitions stay cheap to load: `--help`,
 * `--version` and a bad option never import the store, the site reader, BullMQ or fastify.
 */
export type Lazy = <A extends unknown[]>(load: () => Promise<Action<A>>) => (...args: A) => Promise<void>;
