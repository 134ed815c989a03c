import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkTemplate } from '../../src/engine/check-template.js';
import { fileSystemPartials } from '../../src/load/partials.js';
import { parseProfile } from '../../src/load/profile.js';
import type { Finding, LintResult } from '../../src/model/finding.js';
import type { Profile } from '../../src/model/profile.js';
import { controlTwin } from '../../src/outcomes/control/control-twin.js';
import { DATA_MAP, FIXED_NOW } from '../support.js';
import { parityPairs } from './pairs.js';

/**
 * Parity of the control twin: for each email written twice here (in Handlebars and in
 * Liquid, parity.test.ts), the two twins get the same judgement for every bundled profile
 * (the same findings by rule, severity, field and placement, the same score and band),
 * judged whole the same, were changed the same way at the same lines, and need a person at
 * the same lines.
 */
const PROFILES: Profile[] = readdirSync('fixtures/profiles')
  .sort()
  .map((name) => {
    const file = join('fixtures/profiles', name);
    return parseProfile(readFileSync(file, 'utf8'), file);
  });

function described(findings: readonly Finding[]): string[] {
  return findings.map((finding) => [finding.ruleId, finding.severity, finding.field ?? '-', finding.placement ?? '-', finding.suppressed ? 'suppressed' : 'active'].join(' ')).sort();
}

function judged(result: LintResult): { score: number; band: string; findings: string[] } {
  return { score: result.score, band: result.band, findings: described(result.findings) };
}

/** The twin of a template, and the twin judged again from its text alone, as `creeplint check` would judge it. */
async function twinJudged(file: string): Promise<{ changes: string[]; needsHuman: number[]; judgement: Record<string, unknown> }> {
  const partials = fileSystemPartials({ templateFile: file, partialDirs: [], cwd: process.cwd() });
  const made = await controlTwin({ file, text: readFileSync(file, 'utf8'), dataMap: DATA_MAP, partials, profiles: PROFILES, now: FIXED_NOW });
  if (!made.ok) throw new Error(`${file}: ${made.message}`);
  const check = await checkTemplate({ file, text: made.twin.source, dataMap: DATA_MAP, profiles: PROFILES, partials, now: FIXED_NOW });
  return {
    // What changed at which line (the messages name each language's own tags).
    changes: made.twin.notes.map((note) => `${note.line} ${note.kind}`),
    needsHuman: made.twin.needsHuman,
    judgement: { '(every branch)': described(check.template.findings), ...Object.fromEntries(check.results.map((result) => [result.profile ?? '', judged(result)])) },
  };
}

const pairs = parityPairs();

describe('the control twins of the same email in Handlebars and in Liquid are judged the same', () => {
  it('covers every pair', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(9);
  });

  for (const { name, handlebars, liquid } of pairs) {
    it(name, async () => {
      const fromHandlebars = await twinJudged(handlebars);
      const fromLiquid = await twinJudged(liquid);
      expect(fromLiquid, liquid).toEqual(fromHandlebars);
      // Every pair is personalised: its twin changes something.
      expect(fromHandlebars.changes.length).toBeGreaterThan(0);
    });
  }
});
