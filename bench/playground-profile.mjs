// Where page 1's training worker spends its time in Chromium: builds the playground unminified,
// serves it, trains a net on page 1 under a CPU profile of the worker (CDP), and prints the
// functions with the most self time; then times copying 8 MB into a fresh and a reused
// Float32Array in Node and in the page (the kernels copy every result out of wasm memory).
// Usage: node bench/playground-profile.mjs [net] [batch] [iters]   (default simple-convnet 25 20)
// Needs Chromium (/usr/bin/chromium or SCRATCHNET_CHROMIUM) and MNIST (SCRATCHNET_DATA). Prints JSON.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [net = 'simple-convnet', batch = '25', iters = '20'] = process.argv.slice(2);
const site = mkdtempSync(join(tmpdir(), 'scratchnet-profile-'));
spawnSync(process.execPath, ['tools/build-web.mjs', site], {
  stdio: 'inherit',
  env: { ...process.env, SCRATCHNET_WEB_MINIFY: '0' },
});
const server = spawn(
  process.execPath,
  ['--import', 'tsx', 'cli/bin.ts', 'serve', '--port', '0', '--site', site],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
const origin = await new Promise((ok) => {
  let out = '';
  server.stdout.on('data', (d) => {
    out += d;
    const m = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
    if (m) ok(m[1]);
  });
});
const browser = await chromium.launch({
  executablePath: process.env.SCRATCHNET_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
const page = await browser.newPage();
await page.goto(`${origin}/train.html`);
await page.waitForSelector('body[data-state="idle"]', { timeout: 120_000 });

// the worker's own CDP session, reached through the page's (messages wrapped, not flattened)
const cdp = await page.context().newCDPSession(page);
const workers = [];
const pending = new Map();
let nextId = 1;
cdp.on('Target.attachedToTarget', (e) => workers.push(e));
cdp.on('Target.receivedMessageFromTarget', (e) => {
  const m = JSON.parse(e.message);
  pending.get(m.id)?.(m.result);
  pending.delete(m.id);
});
await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
await page.waitForTimeout(500);
const worker = workers.find((w) => w.targetInfo.url.endsWith('/train-worker.js'));
const send = (method, params = {}) =>
  new Promise((ok) => {
    const id = nextId++;
    pending.set(id, ok);
    void cdp.send('Target.sendMessageToTarget', {
      sessionId: worker.sessionId,
      message: JSON.stringify({ id, method, params }),
    });
  });

await page.selectOption('#net', net);
for (const [id, value] of [
  ['#batch', batch],
  ['#iters', iters],
]) {
  await page.fill(id, value);
  await page.dispatchEvent(id, 'change');
}
await page.waitForTimeout(500);
await send('Profiler.enable');
await send('Profiler.setSamplingInterval', { interval: 500 });
await send('Profiler.start');
const t0 = Date.now();
await page.click('#start');
await page.waitForSelector('body[data-state="done"]', { timeout: 600_000 });
const { profile } = await send('Profiler.stop');
const seconds = (Date.now() - t0) / 1000;

const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
let total = 0;
profile.samples.forEach((id, i) => {
  const { functionName, url, lineNumber } = nodes.get(id).callFrame;
  const key = `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber}`;
  self.set(key, (self.get(key) ?? 0) + profile.timeDeltas[i]);
  total += profile.timeDeltas[i];
});
const top = [...self]
  .sort((a, b) => b[1] - a[1])
  .slice(0, 12)
  .map(([fn, us]) => ({ fn, ms: Math.round(us / 1000), share: Number((us / total).toFixed(3)) }));

// copying 8 MB out of a (shared) buffer: into a fresh array, as the kernels do, and into a reused one
const copy = () => {
  const n = 1 << 21;
  const src = new Float32Array(new SharedArrayBuffer(64 << 20)).fill(1.5);
  const reused = new Float32Array(n);
  const time = (fresh) => {
    const t = performance.now();
    for (let r = 0; r < 20; r++)
      (fresh ? new Float32Array(n) : reused).set(src.subarray(r * 1000, r * 1000 + n));
    return Number(((performance.now() - t) / 20).toFixed(2));
  };
  return { freshMs: time(true), reusedMs: time(false) };
};
const result = {
  net,
  batch: Number(batch),
  iters: Number(iters),
  seconds,
  speed: await page.textContent('#stat-speed'),
  workerSelfTime: top,
  copy8MB: { node: copy(), chromium: await page.evaluate(`(${copy})()`) },
};
console.log(JSON.stringify(result, null, 2));
await browser.close();
server.kill();
rmSync(site, { recursive: true, force: true });
