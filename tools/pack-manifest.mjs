#!/usr/bin/env node
// The package.json that ships: `npm pack` and `npm publish` run `prepack` (strip) and
// `postpack` (restore). The clone-time build (`prepare`: compile the kernels and the
// TypeScript, which needs tools/ and the dev dependencies) must not ship: npm lists it to
// every consumer as an install script, and it could not run there; nor could the others.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = join(root, 'package.json');
const saved = join(root, 'package.json.prepack');

/**
 * The published manifest: the repository's without its scripts, which all need the clone
 * (tools/, the sources, the dev dependencies); a consumer runs none of them.
 */
export function publishedManifest(pkg) {
  const published = { ...pkg };
  delete published.scripts;
  return published;
}

const command = process.argv[2];
if (command === 'strip') {
  if (existsSync(saved))
    throw new Error(
      `${saved} exists: a previous pack did not finish; run 'node tools/pack-manifest.mjs restore'`,
    );
  const text = readFileSync(manifest, 'utf8');
  writeFileSync(saved, text);
  writeFileSync(manifest, JSON.stringify(publishedManifest(JSON.parse(text)), null, 2) + '\n');
} else if (command === 'restore') {
  if (existsSync(saved)) renameSync(saved, manifest);
} else if (command !== undefined) {
  console.error('usage: node tools/pack-manifest.mjs strip|restore');
  process.exit(2);
}
