import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/rules/index.js';
import { check, checkRaw, profile } from '../support.js';

interface Example {
  verdict: 'incorrect' | 'correct';
  file: string;
  template: string;
  profile?: { data?: Record<string, unknown>; consent?: Record<string, unknown>; sources?: Record<string, string>; recipient?: unknown } | undefined;
}

const FILES: Readonly<Record<string, string>> = { handlebars: 'email.hbs', mjml: 'email.mjml', text: 'email.txt', liquid: 'email.liquid' };

/** The ❌ and ✅ examples of a rule doc, each with the profile given in a json block after it. */
function examples(doc: string): Example[] {
  const found: Example[] = [];
  let verdict: Example['verdict'] | undefined;
  const fence = /^(❌|✅)|^```(\w+)\n([\s\S]*?)^```$/gmu;
  for (const match of doc.matchAll(fence)) {
    if (match[1]) {
      verdict = match[1] === '❌' ? 'incorrect' : 'correct';
      continue;
    }
    const language = match[2] ?? '';
    const body = match[3] ?? '';
    if (language === 'json') {
      const last = found[found.length - 1];
      if (last) last.profile = JSON.parse(body) as Example['profile'];
    } else if (verdict && FILES[language]) {
      found.push({ verdict, file: FILES[language] ?? 'email.hbs', template: body });
    }
  }
  return found;
}

describe('every rule doc example does what it says', () => {
  for (const rule of RULES) {
    it(rule.meta.id, async () => {
      const list = examples(readFileSync(`docs/rules/${rule.meta.id}.md`, 'utf8'));
      expect(list.filter((example) => example.verdict === 'incorrect').length).toBeGreaterThan(0);
      expect(list.filter((example) => example.verdict === 'correct').length).toBeGreaterThan(0);
      for (const example of list) {
        if (example.profile && 'recipient' in example.profile) {
          const raw = await checkRaw(example.template, example.profile.recipient, { file: example.file });
          expect(
            raw.findings.filter((finding) => finding.ruleId === rule.meta.id),
            `${example.verdict} example of ${rule.meta.id}`,
          ).toHaveLength(example.verdict === 'incorrect' ? 1 : 0);
          continue;
        }
        const recipient = example.profile
          ? profile({
              ...(example.profile.data ? { data: example.profile.data } : {}),
              ...(example.profile.consent ? { consent: example.profile.consent } : {}),
              ...(example.profile.sources ? { sources: example.profile.sources } : {}),
            })
          : profile();
        const result = await check(example.template, { file: example.file, profiles: [recipient] });
        const own = result.findings.filter((finding) => finding.ruleId === rule.meta.id && !finding.suppressed);
        expect(
          own.map((finding) => finding.message),
          `${example.verdict} example of ${rule.meta.id}`,
        ).toHaveLength(example.verdict === 'incorrect' ? 1 : 0);
      }
    });
  }
});
