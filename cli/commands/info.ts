// scratchnet info: what this installation runs on.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { backendNames, kernels, wasmFma, workersReady } from '../../src/node.js';

export async function infoCommand(args: string[]): Promise<number> {
  const { values: v } = parseArgs({ args, options: { json: { type: 'boolean' } } });
  const k = kernels();
  // workers start with the process; wait for them so the count is the one kernels will use
  const threads = await workersReady();
  const info = {
    scratchnet: packageVersion(),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    backend: k.name,
    backends: backendNames(),
    simd: k.name === 'wasm',
    fma: k.name === 'wasm' && wasmFma,
    threads: k.name === 'wasm' ? threads : 1,
  };
  if (v.json) console.log(JSON.stringify(info));
  else
    for (const [key, value] of Object.entries(info))
      console.log(`${key.padEnd(11)} ${Array.isArray(value) ? value.join(', ') : value}`);
  return 0;
}

/** The package's version, from its package.json. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(packageJsonPath(), 'utf8')) as { version: string }).version;
}

/** The package's package.json, found upwards from this file (from cli/ or dist/cli/). */
function packageJsonPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'package.json');
}
