import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkTemplate } from '../../src/engine/check-template.js';
import { fileSystemPartials } from '../../src/load/partials.js';
import { parseProfile } from '../../src/load/profile.js';
import type { Finding, LintResult } from '../../src/model/finding.js';
import type { Profile } from '../../src/model/profile.js';
import { DATA_MAP, FIXED_NOW } from '../support.js';
import { parityPairs } from './pairs.js';

/**
 * Parity: each folder here holds one email written twice, in Handlebars and in Liquid,
 * and expected.json, the findings (rule, severity, field, placement, whether suppressed)
 * and the score every profile gets. Both languages must give exactly those. Run with
 * UPDATE_GOLDEN=1 to rewrite expected.json from the Handlebars email after a deliberate
 * change, then review the diff.
 */
const PROFILE_FILES = ['full-consent.json', 'withdrawn-consent.json', 'missing-values.json', 'source-override.json'];
const PROFILES: Profile[] = PROFILE_FILES.map((name) => {
  const file = join('fixtures/profiles', name);
  return parseProfile(readFileSync(file, 'utf8'), file);
});

interface Judged {
  score: number;
  band: string;
  findings: string[];
}

async function judge(file: string): Promise<Record<string, Judged | string[]>> {
  const outcome = await checkTemplate({
    file,
    text: readFileSync(file, 'utf8'),
    dataMap: DATA_MAP,
    profiles: PROFILES,
    partials: fileSystemPartials({ templateFile: file, partialDirs: [], cwd: process.cwd() }),
    now: FIXED_NOW,
  });
  // The template judged whole (every branch) under "(every branch)", and each profile's email.
  return { '(every branch)': described(outcome.template.findings), ...Object.fromEntries(outcome.results.map((result) => [result.profile ?? '', judged(result)])) };
}

function judged(result: LintResult): Judged {
  return { score: result.score, band: result.band, findings: described(result.findings) };
}

function described(findings: readonly Finding[]): string[] {
  return findings.map((finding) => [finding.ruleId, finding.severity, finding.field ?? '-', finding.placement ?? '-', finding.branch ? 'in a branch' : 'always', finding.suppressed ? 'suppressed' : 'active'].join(' ')).sort();
}

const pairs = parityPairs();

describe('the same email in Handlebars and in Liquid gets the same judgement', () => {
  it('has pairs for loops, conditions, partials, fallbacks, consent guards, MJML, subject and preheader, suppressions', () => {
    expect(pairs.map((pair) => pair.name).sort()).toEqual(['conditions', 'consent-guards', 'fallbacks', 'loops', 'mjml', 'partials', 'sensitive-condition', 'subject-preheader', 'suppressions']);
  });

  for (const { name, dir, handlebars, liquid } of pairs) {
    it(name, async () => {
      const expectedFile = join(dir, 'expected.json');
      const fromHandlebars = await judge(handlebars);
      // A test never writes its own expectations: only a deliberate UPDATE_GOLDEN=1 run does, for review.
      if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(expectedFile, `${JSON.stringify(fromHandlebars, null, 2)}\n`);
      if (!existsSync(expectedFile)) throw new Error(`${expectedFile} is missing: write the expected findings beside the fixture (UPDATE_GOLDEN=1 drafts it for review)`);
      const expected = JSON.parse(readFileSync(expectedFile, 'utf8')) as Record<string, Judged | string[]>;
      expect(fromHandlebars, handlebars).toEqual(expected);
      expect(await judge(liquid), liquid).toEqual(expected);
    });
  }
});
