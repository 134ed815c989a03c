import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { LAYERS, MAX_DEPTH } from '../eslint.config.js';

const ROOT = join(import.meta.dirname, '..');
const SRC = join(ROOT, 'src');

/** Every module of src/, as a path relative to src/ with `/` separators. */
function modules(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return modules(path);
    return entry.name.endsWith('.ts') ? [relative(SRC, path).split(sep).join('/')] : [];
  });
}

function layerOf(module: string): number {
  const [top, ...rest] = module.split('/');
  return LAYERS.findIndex((layer) => (rest.length === 0 ? layer.files.includes(top ?? '') : layer.dirs.includes(top ?? '')));
}

const eslint = new ESLint({ cwd: ROOT });
// The modules below are made up, so no tsconfig.json project has them and a type-aware rule could not
// parse them: lint them with the same configuration minus type information (the layer rule needs none).
const untyped = new ESLint({ cwd: ROOT, overrideConfig: tseslint.configs.disableTypeChecked });

/** The layer errors ESLint reports for a module at `filePath` made of `code`. */
async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await untyped.lintText(code, { filePath });
  const fatal = result?.messages.find((message) => message.fatal === true);
  if (fatal) throw new Error(`ESLint could not parse ${filePath}: ${fatal.message}`);
  return (result?.messages ?? []).filter((message) => message.ruleId === 'no-restricted-imports').map((message) => message.message);
}

describe('the layer order of src/ (eslint.config.js, CONTRIBUTING.md "Architecture")', () => {
  it('gives every folder and top-level module of src/ exactly one layer, and names nothing that is not there', () => {
    const unplaced = modules().filter((module) => layerOf(module) === -1);
    expect(unplaced).toEqual([]);
    const tops = new Set(readdirSync(SRC));
    const named = LAYERS.flatMap((layer) => [...layer.dirs, ...layer.files]);
    expect(named.filter((name) => !tops.has(name))).toEqual([]);
    expect(new Set(named).size).toBe(named.length);
  });

  it('is the order CONTRIBUTING.md describes, row by row', () => {
    const contributing = readFileSync(join(ROOT, 'CONTRIBUTING.md'), 'utf8');
    const section = contributing.slice(contributing.indexOf('## Architecture'));
    const rows = section
      .slice(0, section.indexOf('\n## ', 1))
      .split('\n')
      .filter((line) => line.startsWith('| `'));
    // The first cell names the layer's folders (`rules/`) and modules (`cli.ts`), each in backticks.
    const documented = rows.map((row) => (row.split('|')[1] ?? '').split('`').filter((_, index) => index % 2 === 1));
    expect(documented).toEqual(LAYERS.map((layer) => [...layer.dirs.map((dir) => `${dir}/`), ...layer.files]));
  });

  it('checks every module below the top layer, however deep it is', async () => {
    const tooDeep = modules().filter((module) => module.split('/').length - 1 > MAX_DEPTH);
    expect(tooDeep).toEqual([]);
    const unchecked: string[] = [];
    for (const module of modules()) {
      if (layerOf(module) === LAYERS.length - 1) continue;
      const config = (await eslint.calculateConfigForFile(join(SRC, module))) as { rules?: Record<string, unknown> };
      if (!config.rules?.['no-restricted-imports']) unchecked.push(module);
    }
    expect(unchecked).toEqual([]);
  });

  it('reports an import from a higher layer, at any depth, as value, type or re-export', async () => {
    expect(await layerErrors('src/rules/example.ts', "import { judgeRecipient } from '../engine/judge.js';\nexport const used = judgeRecipient;\n")).toEqual([
      expect.stringContaining('rules is below engine: it may import from its own layer and model, template, copy, score'),
    ]);
    expect(await layerErrors('src/template/handlebars/example.ts', "import type { Rule } from '../../rules/rule.js';\nexport type Used = Rule;\n")).toEqual([
      expect.stringContaining('template is below rules'),
    ]);
    expect(await layerErrors('src/score/example.ts', "export { RULES } from '../rules/index.js';\n")).toEqual([expect.stringContaining('score is below rules')]);
    expect(await layerErrors('src/template/handlebars/example.ts', "export { renderOptionsFor } from '../../runtime-helpers.js';\n")).toEqual([
      expect.stringContaining('template is below entry points'),
    ]);
    expect(await layerErrors('src/outcomes/control/handlebars/example.ts', "export { startServer } from '../../../server/server.js';\n")).toEqual([
      expect.stringContaining('outcomes is below server'),
    ]);
    expect(await layerErrors('src/version.ts', "export { RULES } from './rules/index.js';\n")).toEqual([expect.stringContaining('model is below rules')]);
  });

  it('allows imports from the same layer and the layers below', async () => {
    expect(await layerErrors('src/rules/example.ts', "export { weightOf } from '../score/formulas.js';\nexport { RULES } from './index.js';\n")).toEqual([]);
    expect(
      await layerErrors(
        'src/template/handlebars/example.ts',
        "export { registerCreeplintHelpers } from './runtime-helpers.js';\nexport type { Section } from '../../model/vocabulary.js';\n",
      ),
    ).toEqual([]);
    expect(await layerErrors('src/index.ts', "export { lint } from './engine/lint.js';\n")).toEqual([]);
  });
});
