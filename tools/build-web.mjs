// Builds the playground (web/) into dist/web: one esbuild bundle per page and the training
// worker; each web/*.html (a page's <main>) wrapped in the head, header and footer every page
// shares; the CSS and icon as they are. A static folder any host can serve (with the COOP/COEP
// headers for threads), or `scratchnet serve`.
// Usage: npm run build:web [-- OUT_DIR]   (default dist/web)
import { build } from 'esbuild';
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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
  // SCRATCHNET_WEB_MINIFY=0 keeps the names readable (bench/playground-profile.mjs)
  minify: process.env.SCRATCHNET_WEB_MINIFY !== '0',
  // no source maps: the site ships in the package (dist/web), as small as it can be
  sourcemap: false,
  logLevel: 'warning',
});

/** The header's links, in the home page's order. */
const NAV = [
  ['train.html', 'Train'],
  ['draw.html', 'Draw'],
  ['descent.html', 'Optimizers'],
  ['backprop.html', 'Backprop'],
];

/** A whole document from a page file: its first line names its title and script, the rest is its <main>. */
function page(file, source) {
  const m = /^<!-- page title="([^"]*)" script="([^"]+)"[^\n]*-->\n/.exec(source);
  if (!m) throw new Error(`web/${file}: the first line must be <!-- page title="…" script="….js" … -->`);
  const [, title, script] = m;
  const nav = NAV.map(
    ([href, label]) => `<a href="${href}"${href === file ? ' aria-current="page"' : ''}>${label}</a>`,
  ).join('');
  const home = file === 'index.html';
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title ? `${title} · ` : ''}scratchnet playground</title>
    <link rel="icon" href="favicon.svg" />
    <link rel="stylesheet" href="style.css" />
    <script type="module" src="${script}"></script>
  </head>
  <body>
    <header class="top">
      <a class="brand" href="./">scratchnet <span>playground</span></a>
      <nav>${nav}</nav>
    </header>
${source
  .slice(m[0].length)
  .trimEnd()
  .replace(/^(?=.)/gm, '    ')}
    <footer><span id="kernel-status">kernels: starting…</span>${home ? '' : ' · <a href="./">all pages</a>'}</footer>
  </body>
</html>
`;
}

for (const f of readdirSync(web)) {
  if (f.endsWith('.html')) writeFileSync(join(out, f), page(f, readFileSync(join(web, f), 'utf8')));
  else if (/\.(css|svg)$/.test(f)) cpSync(join(web, f), join(out, f));
}
console.log(`built the playground into ${out}`);
