import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join, matchesGlob, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { REPO_ROOT } from '../helpers/cli.js';
import { parseDockerfile, type Stage } from './dockerfile.js';

// No container engine runs here or in CI (and no base image can be pulled), so the Dockerfile is replayed
// on this machine instead: its real stages, in a clean directory built like Docker's build context (the
// files git tracks, minus .dockerignore), each stage in its own root. What cannot be replayed without
// root or a base image is skipped and reported: apt-get (the packages come from the machine: CI installs
// poppler-utils), useradd/chown, USER. It runs on this machine's Node, not the image's.
// It would have caught the old image's `npm install` running `prepare` (tsc) before the sources were copied.

const SKIPPED_RUN = /\b(apt-get|useradd|groupadd|chown)\b/;
const FIXTURE_PDF = join(REPO_ROOT, 'tests', 'fixtures', 'reports', 'childrens-home', 'full-2015-SC036275-requires-improvement.pdf');

const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
  version: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** The build context a clean clone would send: tracked files, minus what .dockerignore excludes. */
function buildContext(into: string): number {
  const patterns = readFileSync(join(REPO_ROOT, '.dockerignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  assert.ok(!patterns.some((p) => p.startsWith('!')), 'exceptions (!) in .dockerignore are not replayed');
  const ignored = (file: string) => patterns.some((p) => matchesGlob(file, p) || matchesGlob(file, `${p}/**`));
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: REPO_ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
  let copied = 0;
  for (const file of files) {
    if (ignored(file) || !existsSync(join(REPO_ROOT, file))) continue;
    mkdirSync(dirname(join(into, file)), { recursive: true });
    cpSync(join(REPO_ROOT, file), join(into, file));
    copied++;
  }
  return copied;
}

/**
 * better-sqlite3's install script (prebuild-install) fetches a prebuilt binary, and compiles (~4 min on CI's
 * two cores) when it cannot. Here it is handed the binary this checkout already built, through its
 * documented local-prebuilds directory, so the Dockerfile's `npm rebuild better-sqlite3` runs as written.
 */
function localPrebuilds(dir: string): Record<string, string> {
  const sqlite = join(REPO_ROOT, 'node_modules', 'better-sqlite3');
  const { version } = JSON.parse(readFileSync(join(sqlite, 'package.json'), 'utf8')) as { version: string };
  mkdirSync(dir, { recursive: true });
  const tarball = join(dir, `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`);
  execFileSync('tar', ['-czf', tarball, '-C', sqlite, 'build/Release/better_sqlite3.node']);
  return { npm_config_better_sqlite3_local_prebuilds: dir };
}

interface StageRoot {
  root: string;
  workdir: string;
  env: Record<string, string>;
}

describe('the Dockerfile, replayed outside Docker', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'dockerfile-replay-'));
  // Removed by a detached rm -rf (~50,000 files of three node_modules take half a minute) that outlives the test.
  after(() => spawn('rm', ['-rf', tmp], { detached: true, stdio: 'ignore' }).unref());

  it('builds from a clean context and runs the CLI with only the runtime stage\'s node_modules', (t) => {
    const stages: Stage[] = parseDockerfile(readFileSync(join(REPO_ROOT, 'Dockerfile'), 'utf8'));
    assert.ok(stages.length >= 2, 'a multi-stage build');

    const started = Date.now();
    const since = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
    const context = join(tmp, 'context');
    t.diagnostic(`context: ${buildContext(context)} files (${since()})`);
    assert.ok(!existsSync(join(context, 'node_modules')) && !existsSync(join(context, 'dist')), '.dockerignore keeps host builds out');

    const npmEnv = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? tmp,
      // The machine's npm cache stands in for the registry where it can: CI has no time to download.
      npm_config_prefer_offline: 'true',
      npm_config_update_notifier: 'false',
      ...localPrebuilds(join(tmp, 'prebuilds')),
    };

    const done = new Map<string, StageRoot>();
    /** A path in the image, as a path of this machine: absolute ones under the stage's root. */
    const at = (s: StageRoot, path: string) => (isAbsolute(path) ? join(s.root, path) : resolve(s.workdir, path));

    for (const stage of stages) {
      const root = join(tmp, 'stages', stage.name);
      const parent = done.get(stage.from);
      const s: StageRoot = parent ? { root, workdir: '', env: { ...parent.env } } : { root, workdir: root, env: {} };
      if (parent) {
        // `FROM <earlier stage>` starts from a copy of its files (cp -a keeps links and modes, as an image layer
        // does). Hard links, not copies: later stages only add or delete files, and an earlier stage is done.
        execFileSync('cp', ['-al', parent.root, root]);
        s.workdir = join(root, parent.workdir.slice(parent.root.length));
      } else {
        mkdirSync(root, { recursive: true });
      }
      for (const step of stage.steps) {
        switch (step.kind) {
          case 'WORKDIR':
            s.workdir = at(s, step.path);
            mkdirSync(s.workdir, { recursive: true });
            break;
          case 'ENV':
            Object.assign(s.env, step.vars);
            break;
          case 'USER':
            t.diagnostic(`${stage.name}: USER ${step.user} not replayed (no such user here)`);
            break;
          case 'COPY': {
            const source = step.from ? done.get(step.from) : undefined;
            if (step.from) assert.ok(source, `COPY --from=${step.from}: no earlier stage of that name`);
            const dest = at(s, step.dest);
            const intoDir = step.dest.endsWith('/') || step.sources.length > 1;
            for (const src of step.sources) {
              const from = source ? at(source, src) : join(context, src);
              assert.ok(existsSync(from), `${stage.name}: COPY ${src}: not in ${step.from ?? 'the build context'}`);
              // A directory's contents are copied (not the directory itself), as Docker does.
              const target = statSync(from).isDirectory() || !intoDir ? dest : join(dest, basename(src));
              mkdirSync(statSync(from).isDirectory() ? target : dirname(target), { recursive: true });
              cpSync(from, target, { recursive: true, verbatimSymlinks: true });
            }
            break;
          }
          case 'RUN': {
            if (SKIPPED_RUN.test(step.command)) {
              t.diagnostic(`${stage.name}: skipped, needs root: RUN ${step.command}`);
              break;
            }
            const runStarted = Date.now();
            const run = spawnSync('sh', ['-c', step.command], {
              cwd: s.workdir,
              env: { ...npmEnv, ...s.env },
              encoding: 'utf8',
              maxBuffer: 64 * 1024 * 1024,
            });
            const output = `${run.stdout ?? ''}${run.stderr ?? ''}`.trim().split('\n').slice(-30).join('\n');
            assert.equal(run.status, 0, `${stage.name}: RUN ${step.command} failed:\n${output}`);
            t.diagnostic(`${stage.name}: RUN ${step.command} (${((Date.now() - runStarted) / 1000).toFixed(1)} s)`);
            break;
          }
        }
      }
      done.set(stage.name, s);
      t.diagnostic(`${stage.name}: done at ${since()}`);
    }

    const runtime = done.get(stages.at(-1)!.name)!;
    const app = runtime.workdir;
    // Node looks for packages in every parent directory: none above the replay, so only its own node_modules count.
    for (let dir = dirname(app); dir !== dirname(dir); dir = dirname(dir)) {
      assert.ok(!existsSync(join(dir, 'node_modules')), `${dir}/node_modules would be visible to the runtime`);
    }
    // Dev-only: the lock file's flag for a package no production dependency needs (yaml, say, is a
    // devDependency of ours but also @fastify/swagger's dependency, so it stays).
    const lock = JSON.parse(readFileSync(join(REPO_ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { dev?: boolean; devOptional?: boolean }>;
    };
    const devOnly = Object.entries(lock.packages).filter(([path, p]) => path !== '' && (p.dev || p.devOptional));
    assert.ok(devOnly.some(([path]) => path === 'node_modules/typescript'), 'the lock file marks dev-only packages');
    for (const [path] of devOnly) assert.ok(!existsSync(join(app, path)), `${path} (dev only) is in the runtime image`);
    for (const name of ['typescript', 'tsx', 'pdfkit', 'smtp-server']) assert.ok(!existsSync(join(app, 'node_modules', name)), name);
    for (const name of Object.keys(pkg.dependencies)) {
      assert.ok(existsSync(join(app, 'node_modules', name, 'package.json')), `dependency ${name} is missing from the runtime image`);
    }
    assert.ok(!existsSync(join(app, 'src')) && !existsSync(join(app, 'tests')), 'the runtime holds the build, not the sources');

    const cli = (...args: string[]) =>
      spawnSync(process.execPath, ['bin/ofsted-monitor.js', ...args], {
        cwd: app,
        env: { PATH: npmEnv.PATH, HOME: npmEnv.HOME, ...runtime.env },
        encoding: 'utf8',
      });
    const version = cli('--version');
    assert.equal(version.status, 0, version.stderr);
    assert.equal(version.stdout.trim(), pkg.version);

    const help = cli('--help');
    assert.equal(help.status, 0, help.stderr);
    assert.match(help.stdout, /\bdaemon\b/);

    t.diagnostic(`CLI checked from ${since()}`);
    const parsed = cli('parse', FIXTURE_PDF, '--json');
    assert.equal(parsed.status, 0, parsed.stderr);
    const report = JSON.parse(parsed.stdout) as { urn: string; overall: string };
    assert.equal(report.urn, 'SC036275');
    assert.equal(report.overall, 'requires-improvement');
  });
});
