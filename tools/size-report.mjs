#!/usr/bin/env node
// Lines of TypeScript per folder, so growth stays visible in CI (tinygrad's habit).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const roots = ['src', 'cli', 'web', 'examples', 'bench', 'test', 'tools'];
const rows = [];
function walk(dir) {
  let lines = 0;
  let files = 0;
  let longest = ['', 0];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      walk(path);
      continue;
    }
    if (!/\.(ts|mjs|js|py)$/.test(name)) continue;
    const n = readFileSync(path, 'utf8').split('\n').length;
    lines += n;
    files += 1;
    if (n > longest[1]) longest = [name, n];
  }
  if (files > 0) rows.push({ folder: dir, files, lines, longest: `${longest[0]} (${longest[1]})` });
}
for (const r of roots) {
  try {
    walk(r);
  } catch {
    // folder absent
  }
}
rows.sort((a, b) => a.folder.localeCompare(b.folder));
for (const r of rows)
  console.log(
    `${r.folder.padEnd(28)} ${String(r.files).padStart(3)} files ${String(r.lines).padStart(6)} lines   longest: ${r.longest}`,
  );
