// Where the examples write their figures: --out DIR, default out/<chapter>/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

export function outputDir(chapter: string): string {
  const { values } = parseArgs({ options: { out: { type: 'string' } }, strict: false });
  const dir = typeof values.out === 'string' ? values.out : join('out', chapter);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function save(dir: string, name: string, content: string | Uint8Array): void {
  const path = join(dir, name);
  writeFileSync(path, content);
  console.log(`wrote ${path}`);
}
