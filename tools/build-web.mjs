// Builds the playground (web/) into dist/web: one esbuild bundle per page and the training
// worker, plus the HTML, CSS and icon as they are. A static folder any host can serve
// (with the COOP/COEP headers for threads), or `scratchnet serve`.
// Usage: npm run build:web [-- OUT_DIR]   (default dist/web)
import { build } from 'esbuild';
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const web = join(root, 'web');
const out = process.argv[2] ?? join(root, 'dist', 'web');
const pages = readdirSync(join(web, 'pages')).filter((f) => f.endsWith('.ts'));

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [
    ...pages.map((f) => ({ in: join(web, 'pages', f), out: f.replace(/\.ts$/, '') })),
    { in: join(web, 'workers', 'train.ts'), out: 'train-worker' },
  ],
  outdir: out,
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  // no source maps: the site ships in the package (dist/web), as small as it can be
  sourcemap: false,
  logLevel: 'warning',
});
for (const f of readdirSync(web).filter((f) => /\.(html|css|svg)$/.test(f)))
  cpSync(join(web, f), join(out, f));
console.log(`built the playground into ${out}`);
