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
  build?: { context: string; target?: string };
  command?: string[] | string;
  environment?: Record<string, string>;
  ports?: string[];
  profiles?: string[];
  network_mode?: string;
  container_name?: string;
  depends_on?: Record<string, { condition: string }>;
}

const read = (file: string) => parse(readFileSync(join(REPO_ROOT, file), 'utf8')) as { services: Record<string, Service> };
const services = read('docker-compose.yml').services;
const dev = read('docker-compose.dev.yml').services;
const devEnv = Object.fromEntries(
  readFileSync(join(REPO_ROOT, 'dev.env'), 'utf8')
    .split('\n')
    .filter((line) => /^[A-Z_]+=/.test(line))
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
);
const production = Object.keys(services).filter((name) => !services[name]!.profiles);

describe('docker-compose.yml', () => {
  it('runs redis, postgres, the daemon and a scalable worker by default; Mailpit and the local Ofsted site only in the dev profile', () => {
    assert.deepEqual(production.sort(), ['daemon', 'postgres', 'redis', 'worker']);
    assert.deepEqual(services.mailpit!.profiles, ['dev']);
    assert.deepEqual(services['fake-ofsted']!.profiles, ['dev']);
  });

  it('builds the image once: the daemon builds it, the worker reuses it', () => {
    assert.deepEqual(
      production.filter((name) => services[name]!.build),
      ['daemon'],
    );
    assert.equal(services.daemon!.build!.target, 'runtime');
    assert.equal(services.worker!.image, services.daemon!.image);
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

  it('points the app at the stack, and takes email, links and the token from the environment, never a default', () => {
    for (const name of ['daemon', 'worker']) {
      const env = services[name]!.environment!;
      assert.match(env.DATABASE_URL!, /^postgres:\/\/.*@postgres:5432\//);
      assert.equal(env.REDIS_URL, 'redis://redis:6379');
      for (const required of ['SMTP_URL', 'PUBLIC_URL', 'API_TOKEN', 'ALERT_FROM']) {
        assert.match(env[required]!, new RegExp(`^\\$\\{${required}:\\?`), `${required} must be required from the environment`);
      }
      assert.equal(env.HOST, '0.0.0.0');
      assert.deepEqual(Object.keys(services[name]!.depends_on!).sort(), ['postgres', 'redis']);
    }
  });

  it('shows Mailpit\'s web UI on the loopback interface only', () => {
    assert.ok(services.mailpit!.ports!.length > 0);
    for (const port of services.mailpit!.ports!) assert.match(port, /^127\.0\.0\.1:/);
  });

  it('dev: the override and dev.env point email at Mailpit and Ofsted at the local site, which the workers can reach', () => {
    assert.match(devEnv.SMTP_URL!, /^smtp:\/\/mailpit:1025$/);
    const site = services['fake-ofsted']!;
    const port = Number(site.environment!.FAKE_OFSTED_PORT);
    assert.equal(devEnv.OFSTED_REPORTS_URL, `http://127.0.0.1:${port}`);
    assert.equal(devEnv.OFSTED_FILES_URL, `http://127.0.0.1:${port + 1}`);
    // The site listens on 127.0.0.1: it and the workers share the daemon's network namespace.
    assert.equal(site.network_mode, 'service:daemon');
    assert.equal(dev.worker!.network_mode, 'service:daemon');
    for (const required of ['POSTGRES_PASSWORD', 'API_TOKEN', 'PUBLIC_URL', 'ALERT_FROM']) assert.ok(devEnv[required], `dev.env sets ${required}`);
  });

  it('the image runs node with the heap settings the sweep benchmark measured', () => {
    const dockerfile = readFileSync(join(REPO_ROOT, 'Dockerfile'), 'utf8');
    assert.match(dockerfile, new RegExp(`NODE_OPTIONS="${SERVICE_NODE_OPTIONS}"`));
  });
});
