import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkTemplate } from '../src/engine/check-template.js';
import { fileSystemPartials } from '../src/load/partials.js';
import { parseProfile } from '../src/load/profile.js';
import { DATA_MAP, FIXED_NOW } from './support.js';

/**
 * Golden scenarios: fixtures/golden/<scenario>/ holds an email, a profile, a README
 * saying what it shows, and expected.json with the exact findings, score and band.
 * Run with UPDATE_GOLDEN=1 to rewrite expected.json after a deliberate change, then
 * review the diff.
 */
const GOLDEN = 'fixtures/golden';
const BUNDLED = 'templates';
const EXPECTED = '.expected.json';

/** What a golden file pins down of one result: score, band and every finding, where it points and what it weighs. */
async function judged(file: string, profileFile: string): Promise<Record<string, unknown>> {
  const outcome = await checkTemplate({
    file,
    text: readFileSync(file, 'utf8'),
    dataMap: DATA_MAP,
    profiles: [parseProfile(readFileSync(profileFile, 'utf8'), profileFile)],
    partials: fileSystemPartials({ templateFile: file, partialDirs: [], cwd: process.cwd() }),
    now: FIXED_NOW,
  });
  const result = outcome.results[0];
  return {
    score: result?.score,
    band: result?.band,
    findings: result?.findings.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      at: `${f.file}:${f.line}:${f.column}`,
      field: f.field ?? null,
      placement: f.placement ?? null,
      points: f.points,
    })),
  };
}

/** A test never writes its own expectations: only a deliberate UPDATE_GOLDEN=1 run does, for review. */
function expectGolden(actual: Record<string, unknown>, expectedFile: string): void {
  if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(expectedFile, `${JSON.stringify(actual, null, 2)}\n`);
  if (!existsSync(expectedFile)) throw new Error(`${expectedFile} is missing: write the expected findings beside the fixture (UPDATE_GOLDEN=1 drafts it for review)`);
  expect(actual).toEqual(JSON.parse(readFileSync(expectedFile, 'utf8')));
}

describe('golden scenarios', () => {
  for (const scenario of readdirSync(GOLDEN)) {
    it(scenario, async () => {
      const dir = join(GOLDEN, scenario);
      const email = readdirSync(dir).find((name) => name.startsWith('email.'));
      if (!email) throw new Error(`${dir} has no email.* template`);
      expectGolden(await judged(join(dir, email), join(dir, 'profile.json')), join(dir, 'expected.json'));
    });
  }
});

/**
 * Bundled examples with their expected findings beside them: templates/<name>.expected.json
 * names the profile it is judged for (`profile`) and holds the findings, score and band.
 */
describe('bundled examples with expected findings', () => {
  for (const name of readdirSync(BUNDLED).filter((file) => file.endsWith(EXPECTED))) {
    it(name.slice(0, -EXPECTED.length), async () => {
      const expectedFile = join(BUNDLED, name);
      const { profile } = JSON.parse(readFileSync(expectedFile, 'utf8')) as { profile: string };
      expectGolden({ profile, ...(await judged(join(BUNDLED, name.slice(0, -EXPECTED.length)), profile)) }, expectedFile);
    });
  }
});
