// Lint: typescript-eslint's recommended rules, no import cycles, and the one-way
// dependency direction of STYLE.md enforced as restricted paths.
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';

const tiers = ['kernels', 'tensor', 'functions', 'layers', 'nets', 'training'];
const leaves = ['optimizers', 'data', 'io', 'plot'];
const src = (d) => `./src/${d}`;

// Each tier may import only the tiers below it; optimizers/data/io lean on tensor only.
const zones = [
  ...tiers.map((tier, i) => ({
    target: src(tier),
    from: [...tiers.slice(i + 1), ...leaves.filter((l) => !(tier === 'training' && l !== 'plot'))].map(src),
    message: `src/${tier} must not depend on a higher tier (kernels ← tensor ← functions ← layers ← nets ← training).`,
  })),
  ...['optimizers', 'data', 'io'].map((leaf) => ({
    target: src(leaf),
    from: [
      'functions',
      'layers',
      'nets',
      'training',
      'plot',
      ...leaves.filter((l) => l !== leaf && l !== 'plot'),
    ].map(src),
    message: `src/${leaf} leans on src/tensor only.`,
  })),
  {
    target: src('plot'),
    from: [...tiers, ...leaves.filter((l) => l !== 'plot')].map(src),
    message: 'src/plot is pure string building with no dependencies.',
  },
  ...['./cli', './examples', './bench'].map((target) => ({
    target,
    from: './src',
    except: ['./index.ts', './node.ts'],
    message: `${target.slice(2)}/ uses the public entry points only (src/index.ts, src/node.ts).`,
  })),
  {
    target: './web',
    from: './src',
    except: ['./index.ts', './browser.ts'],
    message: 'web/ uses the public browser entry only (src/browser.ts, or src/index.ts).',
  },
  {
    target: './web/workers',
    from: ['./web/ui', './web/pages'],
    message: 'the training worker has no DOM: it speaks messages (web/lib/protocol.ts) to the pages.',
  },
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'runs/**',
      'docs/api/**',
      'out/**',
      'coverage/**',
      'src/kernels/wasm/assembly/**',
      '**/*.generated.ts',
    ],
  },
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver': { typescript: true, node: true } },
    rules: {
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': ['error', { zones }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
);
