import type { FastifySchema } from 'fastify';
import { ROUTE_SCHEMAS } from './openapi-schemas.js';

export type DocumentedRoute = keyof typeof ROUTE_SCHEMAS;

const acceptAll = () => true;
const stringify = (data: unknown) => JSON.stringify(data);

/**
 * Route options that attach a route's schema for the OpenAPI document and nothing else. Fastify would
 * otherwise validate with Ajv (its own 400 texts, type coercion, an array from `?urn=a&urn=b` refused
 * before request-input.ts can say so in one line) and serialise with fast-json-stringify (dropping fields
 * a schema leaves out, turning null into ""). Input stays checked in the handlers; replies stay JSON.stringify,
 * exactly as for a route without a schema. The operationId is the route's name.
 */
export function documented(route: DocumentedRoute) {
  // A copy per route: fastify marks the schema objects it is given, and tests build many apps.
  const schema = { operationId: route, ...structuredClone(ROUTE_SCHEMAS[route]) } as FastifySchema;
  return {
    schema,
    validatorCompiler: () => acceptAll,
    serializerCompiler: () => stringify,
  };
}
