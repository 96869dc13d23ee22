#!/usr/bin/env node
// CI's package check: packs the library as `npm publish` would, fails on regressions in
// what ships (only the library and the CLI's JavaScript, LICENSE, no scripts, no base64 in
// type declarations), then installs the tarball into a fresh `npm init` app and uses it
// from ESM, from CommonJS (import() in an async function) and through its command.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const tmp = mkdtempSync(join(tmpdir(), 'scratchnet-pack-'));
const run = (cmd, args, cwd) =>
  execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
const problems = [];
try {
  // the prepack build also writes to stdout: the JSON report is what starts with '['
  const out = run('npm', ['pack', '--json', '--pack-destination', tmp]);
  const [packed] = JSON.parse(out.slice(out.search(/^\[/m)));
  run('tar', ['-xzf', join(tmp, packed.filename)], tmp);
  const root = join(tmp, 'package');
  const walk = (dir) =>
    readdirSync(dir).flatMap((f) =>
      statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)],
    );
  const files = walk(root).map((f) => relative(root, f));
  for (const need of [
    'LICENSE',
    'README.md',
    'bin/scratchnet.js',
    'dist/cli/bin.js',
    'dist/src/index.js',
    'dist/src/index.d.ts',
    'dist/src/node.js',
    'dist/src/browser.js',
    'dist/web/index.html',
    'dist/web/train-worker.js',
  ]) {
    if (!files.includes(need)) problems.push(`missing ${need}`);
  }
  for (const f of files) {
    if (
      !/^(LICENSE|README\.md|package\.json|bin\/[^/]+\.js|dist\/src\/.+|dist\/cli\/.+\.js|dist\/web\/[^/]+\.(html|js|css|svg))$/.test(
        f,
      )
    )
      problems.push(`ships ${f} (only the library, the CLI's JavaScript, the playground, README, LICENSE)`);
    if (
      f.endsWith('.d.ts') &&
      /'[A-Za-z0-9+/=]{200,}'|"[A-Za-z0-9+/=]{200,}"/.test(readFileSync(join(root, f), 'utf8'))
    )
      problems.push(`${f} carries a long string literal type (generated base64?)`);
  }
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  if (pkg.scripts) problems.push(`package.json ships scripts: ${Object.keys(pkg.scripts).join(', ')}`);
  for (const key of ['license', 'repository', 'homepage', 'bugs', 'keywords'])
    if (!pkg[key]) problems.push(`package.json has no ${key}`);
  console.log(`${packed.filename}: ${files.length} files, ${(packed.size / 1024).toFixed(0)} KB packed`);

  // a fresh app, as a user makes one (CommonJS by default)
  const app = join(tmp, 'app');
  run('mkdir', [app]);
  run('npm', ['init', '-y'], app);
  run('npm', ['install', '--no-audit', '--no-fund', join(tmp, packed.filename)], app);
  writeFileSync(
    join(app, 'esm.mjs'),
    `import { RandomState, TwoLayerNet, predictProba, tensor } from 'scratchnet';
import { loadModel, saveModel } from 'scratchnet/node';
const net = new TwoLayerNet({ inputSize: 4, hiddenSize: 5, outputSize: 3, rng: new RandomState(0) });
await saveModel(net, 'tiny.safetensors');
console.log([...predictProba(await loadModel('tiny.safetensors'), tensor([[1, 2, 3, 4]])).data].join(' '));
`,
  );
  writeFileSync(
    join(app, 'cjs.js'),
    `async function main() {
  const { RandomState, TwoLayerNet, predictProba, tensor } = await import('scratchnet');
  const net = new TwoLayerNet({ inputSize: 4, hiddenSize: 5, outputSize: 3, rng: new RandomState(0) });
  console.log([...predictProba(net, tensor([[1, 2, 3, 4]])).data].join(' '));
}
main();
`,
  );
  const esm = run('node', ['esm.mjs'], app).trim();
  const cjs = run('node', ['cjs.js'], app).trim();
  if (esm !== cjs || esm.split(' ').length !== 3)
    problems.push(`ESM and CommonJS disagree: '${esm}' vs '${cjs}'`);
  const version = run('npx', ['scratchnet', '--version'], app).trim();
  if (version !== pkg.version)
    problems.push(`scratchnet --version printed '${version}', expected ${pkg.version}`);
  console.log(`fresh app: ESM and CommonJS give ${esm}; scratchnet --version ${version}`);
  // the playground ships built: `npx scratchnet serve` serves it with the isolation headers
  // NOTE: node on the installed bin, not npx: SIGTERM to npx does not reach the server it started,
  // whose open stdout then kept this script waiting forever.
  const serve = spawn(
    process.execPath,
    [join(app, 'node_modules', '.bin', 'scratchnet'), 'serve', '--port', '0'],
    {
      cwd: app,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  try {
    const url = await new Promise((ok, fail) => {
      let out = '';
      serve.stdout.on('data', (d) => {
        out += d;
        const m = /playground at (http:\S+)/.exec(out);
        if (m) ok(m[1]);
      });
      serve.on('exit', (code) => fail(new Error(`scratchnet serve exited with ${code}: ${out}`)));
    });
    const res = await fetch(`${url}train.html`);
    if (res.status !== 200 || res.headers.get('cross-origin-embedder-policy') !== 'require-corp')
      problems.push(`scratchnet serve: GET /train.html gave ${res.status} without the isolation headers`);
    else console.log(`fresh app: scratchnet serve serves the playground at ${url}`);
  } catch (e) {
    problems.push(e.message);
  } finally {
    if (serve.exitCode === null && serve.signalCode === null) {
      const exited = new Promise((ok) => serve.once('exit', ok));
      serve.kill('SIGTERM');
      await exited;
    }
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
if (problems.length > 0) {
  console.error(`package check failed:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
