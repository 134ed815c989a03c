import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { EXIT } from '../src/cli.js';
import { cliIn } from './cli-runner.js';
import { sarifSchemaErrors } from './report/sarif-schema.js';

/** The README's examples are the documentation people copy: each one is run here (issue 13). */

const ROOT = resolve(import.meta.dirname, '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const BIN = join(ROOT, 'dist/bin.js');

interface Block {
  /** The `##` or `###` heading the block sits under. */
  section: string;
  lang: string;
  text: string;
}

function codeBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  let section = '';
  let open: { lang: string; lines: string[] } | undefined;
  for (const line of markdown.split('\n')) {
    if (open) {
      if (line === '```') {
        blocks.push({ section, lang: open.lang, text: open.lines.join('\n') });
        open = undefined;
      } else open.lines.push(line);
    } else if (line.startsWith('```')) open = { lang: line.slice(3).trim(), lines: [] };
    else if (/^#{2,3} /u.test(line)) section = line.replace(/^#+ /u, '');
  }
  return blocks;
}

const BLOCKS = codeBlocks(README);

/** Shell words, as sh splits these simple lines (quotes, no expansions). */
function shellWords(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/gu)].map((match) => match[1] ?? match[2] ?? match[3] ?? '');
}

/** Each `npx creeplint …` line of a shell block, continuation lines joined, comments dropped: its arguments. */
function creeplintCommands(text: string): string[][] {
  return text
    .replace(/\\\n\s*/gu, '')
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/u, '').trim())
    .filter((line) => line.startsWith('npx creeplint '))
    .map((line) => shellWords(line).slice(2));
}

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'gu');

/**
 * Where the README's JSON differs from the real output. `"…": "…"` in an object allows keys
 * it does not show; `"…"` in an array allows elements it does not show (those it shows come
 * in order); anything else must be equal.
 */
function jsonDifferences(expected: unknown, actual: unknown, path = '$'): string[] {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path}: expected an array`];
    const shown = expected.filter((item) => item !== '…');
    if (shown.length === expected.length) {
      if (actual.length !== expected.length) return [`${path}: ${actual.length} elements, the README shows ${expected.length}`];
      return expected.flatMap((item, index) => jsonDifferences(item, actual[index], `${path}[${index}]`));
    }
    let from = 0;
    for (const [index, item] of shown.entries()) {
      const found = actual.findIndex((candidate, at) => at >= from && jsonDifferences(item, candidate).length === 0);
      if (found < 0) return [`${path}: no element (in order) matches the README's ${index + 1}. ${JSON.stringify(item)}`];
      from = found + 1;
    }
    return [];
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return [`${path}: expected an object`];
    const open = '…' in expected;
    const keys = Object.keys(expected).filter((key) => key !== '…');
    const problems = keys.flatMap((key) =>
      key in actual ? jsonDifferences((expected as Record<string, unknown>)[key], (actual as Record<string, unknown>)[key], `${path}.${key}`) : [`${path}.${key}: missing`],
    );
    if (!open) for (const key of Object.keys(actual)) if (!keys.includes(key)) problems.push(`${path}.${key}: not in the README`);
    return problems;
  }
  return Object.is(expected, actual) ? [] : [`${path}: ${JSON.stringify(actual)}, the README says ${JSON.stringify(expected)}`];
}

/** Lines of output against the README's: a line ending in `…` is a prefix, a line `…` stands for any number of lines. */
function linesMatch(expected: readonly string[], actual: readonly string[]): boolean {
  const [first, ...rest] = expected;
  if (first === undefined) return actual.length === 0;
  if (first === '…') return actual.some((_, skip) => linesMatch(rest, actual.slice(skip))) || linesMatch(rest, []);
  const line = actual[0];
  if (line === undefined) return false;
  const fits = first.endsWith(' …') ? line.startsWith(first.slice(0, -1)) : line === first;
  return fits && linesMatch(rest, actual.slice(1));
}

describe('the README’s output examples are what their commands print', () => {
  const examples = BLOCKS.filter((block) => block.lang === 'console' && block.text.startsWith('$ npx creeplint '));

  it('has the stylish, json and github examples', () => {
    expect(examples.map((block) => shellWords(block.text.split('\n')[0] ?? '').find((_, index, words) => words[index - 1] === '--format') ?? 'stylish')).toEqual([
      'stylish',
      'json',
      'github',
    ]);
  });

  for (const block of examples) {
    const [command = '', ...expected] = block.text.split('\n');
    const args = shellWords(command).slice(3);
    it(`$ creeplint ${args.join(' ')}`, async () => {
      const result = await cliIn(undefined, ...args);
      expect(result.stderr).toBe('');
      const output = result.stdout.replace(ANSI, '');
      if (args.includes('json')) expect(jsonDifferences(JSON.parse(expected.join('\n')), JSON.parse(output))).toEqual([]);
      else if (args.includes('github')) expect(linesMatch(expected, output.trimEnd().split('\n')), output).toBe(true);
      // stylish: the whole block, colours aside.
      else expect(expected.join('\n')).toBe(output.trimEnd());
    });
  }

  it('the matchers tell a wrong example from a right one', () => {
    expect(jsonDifferences({ a: 1, '…': '…' }, { a: 2, b: 3 })).toEqual(['$.a: 2, the README says 1']);
    expect(jsonDifferences({ a: 1 }, { a: 1, b: 3 })).toEqual(['$.b: not in the README']);
    expect(jsonDifferences(['…', { x: 2 }], [{ x: 1 }, { x: 2 }])).toEqual([]);
    expect(jsonDifferences(['…', { x: 3 }], [{ x: 1 }, { x: 2 }])).toHaveLength(1);
    expect(linesMatch(['a …', '…', 'z'], ['a b', 'c', 'z'])).toBe(true);
    expect(linesMatch(['a …', 'z'], ['a b', 'c', 'z'])).toBe(false);
  });
});

describe('the README’s commands run', () => {
  it('the quick start: npm start shows the report and exits 0; each npx creeplint line runs without a usage or input error', async () => {
    const quickStart = BLOCKS.filter((block) => block.section === 'Quick start' && block.lang === 'sh');
    expect(quickStart.some((block) => block.text.includes('npm start'))).toBe(true);
    const start = spawnSync('npm', ['start', '--silent'], { cwd: ROOT, encoding: 'utf8' });
    expect(start.status).toBe(0);
    expect(start.stdout).toContain('templates/creepy.hbs × cust-1001');
    const commands = quickStart.flatMap((block) => creeplintCommands(block.text));
    expect(commands.length).toBeGreaterThanOrEqual(4);
    for (const args of commands) {
      // Checking the whole `templates` folder finds the creepy example, as CI would.
      const result = await cliIn(undefined, ...args);
      expect([result.code, result.stderr], args.join(' ')).toEqual([args.includes('templates') && args[0] === 'check' ? EXIT.findings : EXIT.ok, '']);
    }
  });

  it('in your own project: init writes a configuration that check then uses', () => {
    const block = BLOCKS.find((entry) => entry.section === 'In your own project' && entry.lang === 'sh');
    expect(block?.text).toContain('npm install --save-dev creeplint');
    const project = mkdtempSync(join(tmpdir(), 'creeplint-readme-'));
    mkdirSync(join(project, 'emails'));
    for (const name of ['newsletter.mjml', 'order-confirmation.hbs']) cpSync(join(ROOT, 'templates', name), join(project, 'emails', name));
    for (const args of creeplintCommands(block?.text ?? '')) {
      const result = spawnSync(process.execPath, [BIN, ...args], { cwd: project, encoding: 'utf8' });
      expect([result.status === EXIT.input, result.stderr], args.join(' ')).toEqual([false, '']);
    }
    expect(existsSync(join(project, 'creeplint.config.yaml'))).toBe(true);
  });
});

/** A project laid out as the README's GitHub Actions example expects, with the bundled emails that should pass. */
function goodProject(): string {
  const project = mkdtempSync(join(tmpdir(), 'creeplint-actions-'));
  cpSync(join(ROOT, 'templates'), join(project, 'emails'), { recursive: true });
  // The examples that are intrusive on purpose (the surveillance wording, in English and Arabic).
  for (const creepy of ['creepy.hbs', 'browse-abandon.hbs', 'still-thinking-ar.hbs']) rmSync(join(project, 'emails', creepy));
  cpSync(join(ROOT, 'fixtures/datamap.yaml'), join(project, 'datamap.yaml'));
  mkdirSync(join(project, 'test-profiles'));
  cpSync(join(ROOT, 'fixtures/profiles/full-consent.json'), join(project, 'test-profiles/typical.json'));
  return project;
}

describe('the README’s GitHub Actions example works on good templates as written', () => {
  const block = BLOCKS.find((entry) => entry.section === 'In GitHub Actions' && entry.lang === 'yaml');
  const workflow = parseYaml(block?.text ?? '') as { jobs: Record<string, { steps: { run?: string; uses?: string; if?: string; with?: Record<string, unknown> }[] }> };
  const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);

  it('installs the project’s dependencies, runs creeplint with npx, and uploads SARIF whatever the check said', () => {
    expect(steps.map((step) => step.run ?? step.uses)).toEqual([
      'actions/checkout@v4',
      'actions/setup-node@v4',
      'npm ci',
      expect.stringMatching(/^npx creeplint check .* --format github$/u),
      expect.stringMatching(/^npx creeplint check .* --format sarif --output creeplint\.sarif$/u),
      'github/codeql-action/upload-sarif@v3',
    ]);
    expect(steps.slice(-2).map((step) => step.if)).toEqual(['always()', 'always()']);
    expect(steps.at(-1)?.with).toEqual({ sarif_file: 'creeplint.sarif' });
  });

  it('each creeplint step exits 0 on good templates, the annotations have no error, and the SARIF file is valid', () => {
    const project = goodProject();
    const runs = steps.flatMap((step) => (step.run === undefined ? [] : creeplintCommands(step.run)));
    expect(runs).toHaveLength(2);
    for (const args of runs) {
      // What `npx creeplint` runs once creeplint is installed: the package's bin.
      const result = spawnSync(process.execPath, [BIN, ...args], { cwd: project, encoding: 'utf8' });
      expect([result.status, result.stderr], args.join(' ')).toEqual([EXIT.ok, '']);
      if (args.includes('github')) {
        expect(result.stdout).toMatch(/^::notice /mu);
        expect(result.stdout).not.toMatch(/^::error /mu);
      }
    }
    const sarif = JSON.parse(readFileSync(join(project, 'creeplint.sarif'), 'utf8')) as { runs: { invocations: { exitCode: number }[] }[] };
    expect(sarifSchemaErrors(sarif)).toEqual([]);
    expect(sarif.runs[0]?.invocations[0]?.exitCode).toBe(EXIT.ok);
  });

  it('fails the job on the creepy example', () => {
    const project = goodProject();
    cpSync(join(ROOT, 'templates/creepy.hbs'), join(project, 'emails/creepy.hbs'));
    const github = steps.find((step) => step.run?.includes('--format github'))?.run ?? '';
    const result = spawnSync(process.execPath, [BIN, ...(creeplintCommands(github)[0] ?? [])], { cwd: project, encoding: 'utf8' });
    expect(result.status).toBe(EXIT.findings);
    expect(result.stdout).toMatch(/^::error file=emails\/creepy\.hbs,line=1,col=1,title=creeplint max-score \(cust-1001\)::/mu);
  });
});

describe('the README’s library example runs and type-checks as a user’s project would', () => {
  const block = BLOCKS.find((entry) => entry.section === 'Library' && entry.lang === 'ts');

  it('imports creeplint by its package name, lints and prints the JSON report', () => {
    expect(block?.text).toContain("from 'creeplint'");
    const project = mkdtempSync(join(tmpdir(), 'creeplint-library-'));
    // Installed as npm would link it: node_modules/creeplint, resolved through package.json's exports.
    mkdirSync(join(project, 'node_modules'));
    symlinkSync(ROOT, join(project, 'node_modules/creeplint'), 'dir');
    cpSync(join(ROOT, 'templates'), join(project, 'emails'), { recursive: true });
    cpSync(join(ROOT, 'fixtures/datamap.yaml'), join(project, 'datamap.yaml'));
    mkdirSync(join(project, 'profiles'));
    cpSync(join(ROOT, 'fixtures/profiles/full-consent.json'), join(project, 'profiles/cust-42.json'));
    writeFileSync(join(project, 'package.json'), JSON.stringify({ type: 'module', private: true }));
    writeFileSync(join(project, 'creeplint.config.yaml'), 'datamap: datamap.yaml\ntemplates: [emails]\npartials: [emails/partials]\n');
    writeFileSync(join(project, 'example.mjs'), block?.text ?? '');
    const ran = spawnSync(process.execPath, ['example.mjs'], { cwd: project, encoding: 'utf8' });
    expect(ran.stderr).toBe('');
    expect(ran.status).toBe(0);
    const [scoreLine = '', ...json] = ran.stdout.split('\n');
    expect(scoreLine).toMatch(/^\d+ (helpful|familiar|intrusive|creepy)$/u);
    expect(JSON.parse(json.join('\n'))).toMatchObject({ results: expect.any(Array) as unknown, templates: expect.any(Array) as unknown });

    writeFileSync(join(project, 'example.ts'), block?.text ?? '');
    const tsconfig = {
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        typeRoots: [join(ROOT, 'node_modules/@types')],
        types: ['node'],
      },
      files: ['example.ts'],
    };
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify(tsconfig));
    const typecheck = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', project], { encoding: 'utf8' });
    expect(typecheck.stdout).toBe('');
    expect(typecheck.status).toBe(0);
  }, 60_000);
});
