import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Worker threads (the audit's, the server's) run the built code in dist/ even when the
 * tests run from source. Build first when any source file is newer than its built copy,
 * so that no test runs yesterday's worker against today's engine.
 */
export default function buildWhenStale(): void {
  const stale = staleFiles('src', 'dist').length > 0;
  if (stale) execFileSync(process.execPath, [join('node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  // The compiled lexicon, as `npm run build` writes it (a run without it reads the YAML, and loads the YAML parser for it).
  if (stale || lexiconStale()) execFileSync(process.execPath, [join('scripts', 'compile-lexicon.mjs')], { stdio: 'inherit' });
}

function lexiconStale(): boolean {
  const compiled = join('dist', 'load', 'built-in-lexicon.json');
  if (!existsSync(compiled)) return true;
  return readdirSync('lexicon').some((name) => statSync(join('lexicon', name)).mtimeMs > statSync(compiled).mtimeMs);
}

function staleFiles(source: string, built: string): string[] {
  const stale: string[] = [];
  for (const entry of readdirSync(source, { withFileTypes: true })) {
    const path = join(source, entry.name);
    if (entry.isDirectory()) {
      stale.push(...staleFiles(path, join(built, entry.name)));
      continue;
    }
    if (!entry.name.endsWith('.ts') || entry.name.endsWith('.d.ts')) continue;
    const output = join(built, entry.name.replace(/\.ts$/u, '.js'));
    if (!existsSync(output) || statSync(output).mtimeMs < statSync(path).mtimeMs) stale.push(path);
  }
  return stale;
}
