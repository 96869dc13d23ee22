// What test/helpers/fuzz.ts fuzzes: each parser's valid seeds, its own error classes, and
// mutations that understand its format (IDX header fields, safetensors JSON, PNG chunks and CRCs).
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { PNG } from 'pngjs';

import {
  IdxFormatError,
  ImageFormatError,
  MultiLayerNetExtend,
  NoDigitError,
  RandomState,
  SafetensorsError,
  TwoLayerNet,
  decodeSafetensors,
  deserializeNet,
  digitToMnist,
  encodeSafetensors,
  parseIdx,
  serializeNet,
  tensor,
} from '../../src/index.js';
import { decodePng, readIdxGz } from '../../src/node.js';

import { byteMutation, type FuzzTarget } from './fuzz.js';

const u32 = fc.constantFrom(
  0,
  1,
  2,
  3,
  7,
  8,
  255,
  256,
  0x7fff,
  0xffff,
  200_000,
  0x7fffffff,
  0x80000000,
  0xffffffff,
);
const bigNumbers = fc.constantFrom(
  0,
  -1,
  1,
  2,
  3,
  10,
  49,
  51,
  784,
  200_000,
  1e9,
  2 ** 31,
  2 ** 32,
  2 ** 53,
  1e308,
  0.5,
);
const jsonOddities = fc.constantFrom<unknown>(
  null,
  'x',
  '',
  '1',
  [],
  {},
  true,
  -0,
  [1],
  [0, 0],
  [1, 2, 3],
  'NaN',
);

// ---------- IDX ----------

function idx(magic: number, dims: number[], fill: (i: number) => number): Uint8Array {
  const size = dims.reduce((p, d) => p * d, 1);
  const out = new Uint8Array(4 + 4 * dims.length + size);
  const view = new DataView(out.buffer);
  view.setUint32(0, magic);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d));
  for (let i = 0; i < size; i++) out[4 + 4 * dims.length + i] = fill(i);
  return out;
}

const idxSeeds = [
  idx(2049, [10], (i) => i % 10),
  idx(2051, [3, 4, 4], (i) => (i * 37) % 256),
  idx(2051, [1, 28, 28], (i) => (i % 28 > 10 && i % 28 < 18 ? 255 : 0)),
];

/** Edits one of the big-endian uint32 header fields (magic, dimensions). */
const idxHeaderEdit = fc
  .record({ field: fc.integer({ min: 0, max: 3 }), value: u32 })
  .map(({ field, value }) => (b: Uint8Array) => {
    const out = b.slice();
    if (out.length >= 4 * field + 4) new DataView(out.buffer).setUint32(4 * field, value);
    return out;
  });

export const idxTarget: FuzzTarget = {
  name: 'IDX (parseIdx)',
  seeds: idxSeeds,
  run: (b) => void parseIdx(b, 'fuzz.idx'),
  errors: [IdxFormatError],
  structured: idxHeaderEdit,
};

/** readIdxGz reads a path: each input is written to one temporary file, overwritten in turn. */
export function idxGzTarget(): FuzzTarget {
  // in memory where there is a tmpfs: 10,000 writes to a disk take a minute
  const dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'scratchnet-fuzz-'));
  const file = join(dir, 'input-idx-ubyte.gz');
  return {
    name: 'IDX gzip (readIdxGz)',
    seeds: idxSeeds.map((s) => gzipSync(s)),
    run: (b) => {
      writeFileSync(file, b);
      readIdxGz(file);
    },
    errors: [IdxFormatError],
    // mutate the IDX inside, then compress it (valid gzip around a bad IDX)
    structured: fc.record({ edit: fc.oneof(idxHeaderEdit, byteMutation(idxSeeds)), seed: fc.nat() }).map(
      ({ edit, seed }) =>
        () =>
          gzipSync(edit(idxSeeds[seed % idxSeeds.length])),
    ),
    close: () => rmSync(dir, { recursive: true, force: true }),
  };
}

// ---------- safetensors ----------

function modelSeeds(): Uint8Array[] {
  const rng = new RandomState(7);
  const two = new TwoLayerNet({ inputSize: 6, hiddenSize: 5, outputSize: 3, rng, dtype: 'float32' });
  const mlp = new MultiLayerNetExtend({
    inputSize: 4,
    hiddenSizeList: [3, 2],
    outputSize: 2,
    useBatchnorm: true,
    useDropout: true,
    dropoutRatio: 0.2,
    rng,
  });
  mlp.predict(
    tensor([
      [1, 2, 3, 4],
      [4, 3, 2, 1],
    ]),
    true,
  ); // running statistics exist
  return [
    serializeNet(two, { dataset: 'mnist', iterations: 1 }),
    serializeNet(mlp),
    encodeSafetensors(
      { a: tensor([1.5, -2]), b: tensor([[1], [2], [3]]).astype('float32') },
      { note: 'plain' },
    ),
  ];
}

/** Parses the JSON header, changes one value (or drops one key), writes a consistent length prefix. */
const jsonHeaderEdit = fc
  .record({
    pick: fc.nat(),
    value: fc.oneof(
      bigNumbers.map((n) => n as unknown),
      jsonOddities,
      bigNumbers.map((n) => String(n)),
    ),
    drop: fc.boolean(),
  })
  .map(({ pick, value, drop }) => (b: Uint8Array) => {
    if (b.length < 8) return b;
    const n = Number(new DataView(b.buffer, b.byteOffset).getBigUint64(0, true));
    if (8 + n > b.length) return b;
    let header: unknown;
    try {
      header = JSON.parse(new TextDecoder().decode(b.subarray(8, 8 + n)));
    } catch {
      return b;
    }
    // every [parent, key] pair in the header
    const slots: [Record<string, unknown> | unknown[], string | number][] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) {
        node.forEach((v, i) => {
          slots.push([node, i]);
          walk(v);
        });
      } else if (node && typeof node === 'object') {
        for (const [k, v] of Object.entries(node)) {
          slots.push([node as Record<string, unknown>, k]);
          walk(v);
        }
      }
    };
    walk(header);
    if (slots.length === 0) return b;
    const [parent, key] = slots[pick % slots.length];
    if (drop && !Array.isArray(parent)) delete parent[key as string];
    else (parent as Record<string | number, unknown>)[key] = value;
    const json = new TextEncoder().encode(JSON.stringify(header));
    const out = new Uint8Array(8 + json.length + (b.length - 8 - n));
    new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
    out.set(json, 8);
    out.set(b.subarray(8 + n), 8 + json.length);
    return out;
  });

/** Edits the 8-byte little-endian header length. */
const headerLengthEdit = fc
  .oneof(u32.map(BigInt), fc.constantFrom(2n ** 63n, 2n ** 64n - 1n, 100_000_001n))
  .map((value) => (b: Uint8Array) => {
    const out = b.slice();
    if (out.length >= 8) new DataView(out.buffer).setBigUint64(0, value, true);
    return out;
  });

export function safetensorsTargets(): FuzzTarget[] {
  const seeds = modelSeeds();
  const structured = fc.oneof(
    { weight: 4, arbitrary: jsonHeaderEdit },
    { weight: 1, arbitrary: headerLengthEdit },
  );
  return [
    {
      name: 'safetensors (decodeSafetensors)',
      seeds,
      run: (b) => void decodeSafetensors(b, 'fuzz.safetensors'),
      errors: [SafetensorsError],
      structured,
    },
    {
      name: 'scratchnet model (deserializeNet)',
      seeds: seeds.slice(0, 2),
      run: (b) => void deserializeNet(b, 'fuzz.safetensors'),
      errors: [SafetensorsError],
      structured,
    },
  ];
}

// ---------- PNG through predict's loader ----------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 as PNG chunks use it (ISO 3309). */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Recomputes every chunk's CRC, so a mutation reaches the decoder instead of the checksum. */
function fixCrcs(b: Uint8Array): Uint8Array {
  const out = b.slice();
  const view = new DataView(out.buffer);
  for (let at = 8; at + 12 <= out.length;) {
    const length = view.getUint32(at);
    if (at + 12 + length > out.length) break;
    view.setUint32(at + 8 + length, crc32(out.subarray(at + 4, at + 8 + length)));
    at += 12 + length;
  }
  return out;
}

function pngSeeds(): Uint8Array[] {
  const make = (w: number, h: number, colorType: 0 | 2 | 4 | 6, pixel: (x: number, y: number) => number) => {
    const png = new PNG({ width: w, height: h });
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        const v = pixel(x, y);
        png.data.set([v, v, v, 255], (y * w + x) * 4);
      }
    return new Uint8Array(PNG.sync.write(png, { colorType }));
  };
  return [
    make(8, 8, 0, (x, y) => (x === 4 || y === 2 ? 0 : 255)),
    make(5, 7, 6, (x) => (x === 2 ? 255 : 0)),
    make(12, 10, 2, (x, y) => ((x + y) % 5 === 0 ? 30 : 220)),
    make(3, 3, 4, () => 128),
  ];
}

/** Edits an IHDR field (width, height, bit depth, colour type, interlace), then fixes the CRCs. */
const ihdrEdit = fc.oneof(
  fc.record({ at: fc.constantFrom(16, 20), value: u32 }).map(({ at, value }) => (b: Uint8Array) => {
    const out = b.slice();
    if (out.length >= at + 4) new DataView(out.buffer).setUint32(at, value);
    return fixCrcs(out);
  }),
  fc
    .record({ at: fc.constantFrom(24, 25, 26, 27, 28), value: fc.constantFrom(0, 1, 2, 3, 4, 6, 8, 16, 255) })
    .map(({ at, value }) => (b: Uint8Array) => {
      const out = b.slice();
      if (out.length > at) out[at] = value;
      return fixCrcs(out);
    }),
);

export function pngTarget(): FuzzTarget {
  const seeds = pngSeeds();
  return {
    name: 'PNG (predict: decodePng + digitToMnist)',
    seeds,
    run: (b) => void digitToMnist(decodePng(b, 'fuzz.png'), 'float32'),
    errors: [ImageFormatError, NoDigitError],
    // any byte mutation with the CRCs fixed afterwards reaches pngjs's decoder
    structured: fc.oneof(
      ihdrEdit,
      byteMutation(seeds).map((f) => (b: Uint8Array) => fixCrcs(f(b))),
    ),
  };
}

/** Every target, in the order the report lists them. */
export function allTargets(): FuzzTarget[] {
  return [idxTarget, idxGzTarget(), ...safetensorsTargets(), pngTarget()];
}
