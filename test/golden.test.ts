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

describe('golden scenarios', () => {
  for (const scenario of readdirSync(GOLDEN)) {
    it(scenario, async () => {
      const dir = join(GOLDEN, scenario);
      const email = readdirSync(dir).find((name) => name.startsWith('email.'));
      if (!email) throw new Error(`${dir} has no email.* template`);
      const file = join(dir, email);
      const outcome = await checkTemplate({
        file,
        text: readFileSync(file, 'utf8'),
        dataMap: DATA_MAP,
        profiles: [parseProfile(readFileSync(join(dir, 'profile.json'), 'utf8'), join(dir, 'profile.json'))],
        partials: fileSystemPartials({ templateFile: file, partialDirs: [], cwd: process.cwd() }),
        now: FIXED_NOW,
      });
      const result = outcome.results[0];
      const actual = {
        score: result?.score,
        band: result?.band,
        findings: result?.findings.map((f) => ({ ruleId: f.ruleId, severity: f.severity, at: `${f.file}:${f.line}:${f.column}`, field: f.field ?? null, placement: f.placement ?? null, points: f.points })),
      };
      const expectedFile = join(dir, 'expected.json');
      // A test never writes its own expectations: only a deliberate UPDATE_GOLDEN=1 run does, for review.
      if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(expectedFile, `${JSON.stringify(actual, null, 2)}\n`);
      if (!existsSync(expectedFile)) throw new Error(`${expectedFile} is missing: write the expected findings beside the fixture (UPDATE_GOLDEN=1 drafts it for review)`);
      expect(actual).toEqual(JSON.parse(readFileSync(expectedFile, 'utf8')));
    });
  }
});
