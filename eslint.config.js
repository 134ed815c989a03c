import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The layers of src/, lowest first (CONTRIBUTING.md, "Architecture"). A module may import
 * from its own layer and any layer below it, never from one above: the rules cannot reach
 * into the engine, the template layer cannot reach into the rules. `dirs` are folders of
 * src/, `files` are modules at its top. test/layers.test.ts checks that every folder and
 * top-level module of src/ has a layer, and that a wrong-way import is an error.
 */
export const LAYERS = [
  { name: 'model', dirs: ['model', 'types'], files: ['version.ts', 'weak-memo.ts', 'lazy-package.ts'] },
  { name: 'template', dirs: ['template'], files: [] },
  { name: 'copy', dirs: ['copy'], files: [] },
  { name: 'score', dirs: ['score'], files: [] },
  { name: 'rules', dirs: ['rules'], files: [] },
  { name: 'load', dirs: ['load'], files: [] },
  { name: 'engine', dirs: ['engine'], files: [] },
  { name: 'presend', dirs: ['presend'], files: [] },
  { name: 'report', dirs: ['report'], files: [] },
  { name: 'outcomes', dirs: ['outcomes'], files: [] },
  { name: 'init', dirs: ['init'], files: [] },
  { name: 'server', dirs: ['server'], files: [] },
  { name: 'commands', dirs: ['commands'], files: [] },
  { name: 'entry points', dirs: [], files: ['cli.ts', 'bin.ts', 'index.ts', 'runtime-helpers.ts'] },
];

/** src/ is at most this many folders deep (src/outcomes/control/handlebars/). */
export const MAX_DEPTH = 3;

/** How a module `depth` folders below src/ reaches the top of src/. */
function upFrom(depth) {
  return depth === 0 ? './' : '../'.repeat(depth);
}

/** A layer's modules `depth` folders below src/ (0: the modules at the top of src/). */
function globsAt(layer, depth) {
  const inside = Array.from({ length: depth }, () => '*').join('/');
  return depth === 0 ? layer.files.map((file) => `src/${file}`) : layer.dirs.map((dir) => `src/${dir}/${inside}.ts`);
}

/** The import specifiers by which a module `depth` folders below src/ reaches a layer. */
function specifiersFrom(depth, layer) {
  const up = upFrom(depth);
  return [...layer.dirs.map((dir) => `${up}${dir}/**`), ...layer.files.map((file) => `${up}${file.replace(/\.ts$/u, '.js')}`)];
}

/**
 * One `no-restricted-imports` block per layer and depth: relative specifiers are exact at
 * a given depth, so `./index.js` in src/rules/ (its registry) is never taken for src/index.ts.
 */
const layerRules = LAYERS.flatMap((layer, index) => {
  const above = LAYERS.slice(index + 1);
  const below = LAYERS.slice(0, index).map((lower) => lower.name);
  const may = below.length > 0 ? `its own layer and ${below.join(', ')}` : 'its own layer only';
  return Array.from({ length: MAX_DEPTH + 1 }, (_, depth) => ({ files: globsAt(layer, depth), depth })).flatMap(({ files, depth }) =>
    files.length === 0 || above.length === 0
      ? []
      : [
          {
            files,
            rules: {
              'no-restricted-imports': [
                'error',
                {
                  patterns: above.map((higher) => ({
                    group: specifiersFrom(depth, higher),
                    message: `${layer.name} is below ${higher.name}: it may import from ${may} (CONTRIBUTING.md, "Architecture").`,
                  })),
                },
              ],
            },
          },
        ],
  );
});

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'test-output/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', structuredClone: 'readonly' },
      // Type-aware rules read the types of tsconfig.json's project (src/, test/, vitest.config.ts).
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // Numbers and booleans in messages are the product's output (points, counts, line numbers, flags):
      // their String() is what we mean. Objects, undefined and null in a template string stay errors.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
    },
  },
  {
    // Outside tsconfig.json's project: the scripts, the benches, the studio's browser script and this
    // config are plain JavaScript (the studio is type-checked by studio/tsconfig.json instead).
    files: ['**/*.js', '**/*.mjs', '**/*.cjs', '**/*.d.mts', 'eslint.config.d.ts', 'vitest.browser.config.ts'],
    ...tseslint.configs.disableTypeChecked,
  },
  ...layerRules,
  {
    // The studio page's script runs in the browser.
    files: ['studio/**/*.js'],
    languageOptions: {
      globals: {
        document: 'readonly',
        location: 'readonly',
        fetch: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        getComputedStyle: 'readonly',
        URLSearchParams: 'readonly',
      },
    },
  },
);
