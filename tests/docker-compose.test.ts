import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { SERVICE_NODE_OPTIONS } from '../workers/service-node-options.js';
import { REPO_ROOT } from './helpers/cli.js';

// No Docker engine runs here or in CI, so the compose file is checked as data: valid YAML, the services
// the README promises, and the settings BullMQ depends on.

interface Service {
  image?: string;
  build?: unknown;
  command?: string[] | string;
  environment?: Record<string, string>;
  ports?: string[];
  container_name?: string;
  depends_on?: Record<string, { condition: string }>;
}

const compose = parse(readFileSync(join(REPO_ROOT, 'docker-compose.yml'), 'utf8')) as { services: Record<string, Service> };
const services = compose.services;

describe('docker-compose.yml', () => {
  it('has redis, postgres, mailpit, the daemon and a scalable worker', () => {
    assert.deepEqual(Object.keys(services).sort(), ['daemon', 'mailpit', 'postgres', 'redis', 'worker']);
  });

  it('runs Redis with AOF on and no eviction, as BullMQ requires', () => {
    const cmd = [services.redis!.command].flat().join(' ');
    assert.match(cmd, /--appendonly yes/);
    assert.match(cmd, /--maxmemory-policy noeviction/);
  });

  it('runs the API and scheduler without workers, in a process apart from the workers', () => {
    assert.deepEqual(services.daemon!.command, ['daemon', '--no-workers']);
  });

  it('lets the worker scale: no fixed name, no host port', () => {
    assert.equal(services.worker!.container_name, undefined);
    assert.equal(services.worker!.ports, undefined);
    assert.deepEqual(services.worker!.command, ['daemon', '--no-api', '--no-scheduler']);
  });

  it('points the app at the stack through the documented variables', () => {
    for (const name of ['daemon', 'worker']) {
      const env = services[name]!.environment!;
      assert.match(env.DATABASE_URL!, /^postgres:\/\/.*@postgres:5432\//);
      assert.equal(env.REDIS_URL, 'redis://redis:6379');
      assert.match(env.SMTP_URL!, /^smtp:\/\/mailpit:1025/);
      assert.ok(env.API_TOKEN, 'API_TOKEN is required, never defaulted');
      assert.deepEqual(Object.keys(services[name]!.depends_on!).sort(), ['postgres', 'redis']);
    }
  });

  it('the image runs node with the heap settings the sweep benchmark measured', () => {
    const dockerfile = readFileSync(join(REPO_ROOT, 'Dockerfile'), 'utf8');
    assert.match(dockerfile, new RegExp(`NODE_OPTIONS="${SERVICE_NODE_OPTIONS}"`));
  });
});
