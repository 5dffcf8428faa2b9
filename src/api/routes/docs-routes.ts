import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { CLIENT_VERSION } from '../../ofsted/site/http-client-options.js';
import { BEARER_SCHEME, sharedSchemas } from '../openapi-schemas.js';

export const DOCS_PATH = '/docs';

const DESCRIPTION = [
  'The JSON API of the ofsted-monitor daemon: stored providers, inspection histories and change events,',
  'the watchlist, alert subscriptions and queue jobs. Answers are the JSON the CLI prints with `--json`.',
  '',
  'Calls that change something (and listing subscriptions, which holds email addresses) need',
  '`Authorization: Bearer <API_TOKEN>`: without it they answer 401, and 503 when the daemon has no API_TOKEN.',
  'Every error is `{ "error": "<one line>" }`; a malformed URN is a 400 saying so.',
].join('\n');

/**
 * The OpenAPI 3.1 document at /docs/json (and /docs/yaml) and Swagger UI at /docs, its scripts and styles
 * served from node_modules (nothing from the internet). Must be registered before the routes it describes:
 * @fastify/swagger collects them as they are added. Only tagged routes are listed, so pages, feeds and
 * the queue board stay out of the API's document.
 */
export async function registerApiDocs(app: FastifyInstance): Promise<void> {
  for (const schema of sharedSchemas()) app.addSchema(schema);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'ofsted-monitor', version: CLIENT_VERSION, description: DESCRIPTION },
      tags: [
        { name: 'providers', description: 'Stored providers, their inspection history, re-scraping' },
        { name: 'events', description: 'Change events (a rating fell, a report was published, ...)' },
        { name: 'watchlist', description: 'The URNs the daemon sweeps' },
        { name: 'subscriptions', description: 'Email and webhook alerts' },
        { name: 'jobs', description: 'Queue jobs, e.g. a re-scrape' },
        { name: 'operations', description: 'Health and metrics for probes and Prometheus' },
      ],
      components: {
        securitySchemes: { [BEARER_SCHEME]: { type: 'http', scheme: 'bearer', description: 'The daemon\'s API_TOKEN' } },
      },
    },
    hideUntagged: true,
    // Shared schemas appear under their own names (`#/components/schemas/ChangeEvent`), not def-0, def-1...
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });
  await app.register(swaggerUi, {
    routePrefix: DOCS_PATH,
    // The page and its assets are public, like the read-only API; "Try it out" sends the token only if typed in.
    uiConfig: { deepLinking: true, defaultModelsExpandDepth: 1 },
    theme: { title: 'ofsted-monitor API' },
  });
}
