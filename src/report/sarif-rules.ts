import { readFileSync } from 'node:fs';
import { DOCS_BASE_URL } from '../engine/findings.js';
import type { Severity } from '../model/severity.js';
import { RULES } from '../rules/index.js';
import type { RuleCategory } from '../rules/rule.js';
import { MAX_SCORE_ID, MAX_WARNINGS_ID } from './run-facts.js';

export const LEVELS: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = { error: 'error', warning: 'warning', info: 'note' };

/** What each rule is about (its `meta.category`), for SARIF's `tags` (code scanning filters alerts by them). */
const RULE_CATEGORIES: Readonly<Record<string, RuleCategory>> = Object.fromEntries(RULES.map((rule) => [rule.meta.id, rule.meta.category]));

/** A rule's tags: `privacy` for every rule about personal data, and its category. */
export function tagsOf(ruleId: string): string[] {
  const category = RULE_CATEGORIES[ruleId];
  if (category === undefined) return ['privacy'];
  return category === 'correctness' || category === 'suppressions' ? [category] : ['privacy', category];
}

const DOCS_URL = DOCS_BASE_URL.replace(/\/rules$/u, '');

/** Markdown from docs/rules with its relative links made absolute, so that they work where code scanning shows it. */
export function withAbsoluteLinks(markdown: string): string {
  return markdown.replace(/\]\((?![a-z][a-z0-9+.-]*:|#|\/)([^)\s]+)\)/giu, (_, target: string) => `](${new URL(target, `${DOCS_BASE_URL}/`).href})`);
}

/** A rule's documentation as shipped in the package (docs/rules/<id>.md); undefined when the file is not there. */
function ruleDoc(ruleId: string): string | undefined {
  try {
    return withAbsoluteLinks(readFileSync(new URL(`../../docs/rules/${ruleId}.md`, import.meta.url), 'utf8'));
  } catch {
    return undefined;
  }
}

interface ReportingDescriptor {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help?: { text: string; markdown: string };
  helpUri: string;
  defaultConfiguration: { level: 'error' | 'warning' | 'note' };
  properties: { tags: string[] };
}

/**
 * The `max-score` pseudo-rule: a result, not a notification, because a score above the
 * maximum is a finding about the email (SARIF keeps notifications for the tool's own
 * execution and configuration), so code scanning lists it beside the email's other alerts.
 */
const MAX_SCORE_RULE: ReportingDescriptor = {
  id: MAX_SCORE_ID,
  name: MAX_SCORE_ID,
  shortDescription: { text: "Require each email's intrusiveness score to stay within the maximum (max-score)." },
  fullDescription: { text: 'An email whose score is above max-score (74 by default; --max-score, or max-score in the configuration) is held even without an error finding.' },
  help: {
    text: `An email whose score is above max-score is held even without an error finding. The score is the sum of its findings' points; soften or remove the findings that carry the most. See ${DOCS_URL}/scoring.md.`,
    markdown: `An email whose score is above \`max-score\` (74 by default; \`--max-score\`, or \`max-score\` in the configuration) is held even without an error finding. The score is the sum of its findings' points: soften or remove the findings that carry the most. [How creeplint scores an email](${DOCS_URL}/scoring.md).`,
  },
  helpUri: `${DOCS_URL}/scoring.md`,
  defaultConfiguration: { level: 'error' },
  properties: { tags: ['privacy', 'score'] },
};

let descriptors: ReportingDescriptor[] | undefined;

/** Every rule, with its description, documentation and tags, then `max-score`: the driver's `rules`. */
export function ruleDescriptors(): ReportingDescriptor[] {
  descriptors ??= [
    ...RULES.map((rule): ReportingDescriptor => {
      const helpUri = `${DOCS_BASE_URL}/${rule.meta.id}.md`;
      const doc = ruleDoc(rule.meta.id);
      return {
        id: rule.meta.id,
        name: rule.meta.id,
        shortDescription: { text: rule.meta.description },
        fullDescription: { text: rule.meta.description },
        ...(doc === undefined ? {} : { help: { text: `${rule.meta.description} See ${helpUri}.`, markdown: doc } }),
        helpUri,
        defaultConfiguration: { level: LEVELS[rule.meta.defaultSeverity] },
        properties: { tags: tagsOf(rule.meta.id) },
      };
    }),
    MAX_SCORE_RULE,
  ];
  return descriptors;
}

/** Notifications about the run rather than an email: the driver's `notifications`. */
export const NOTIFICATIONS = [
  { id: 'input-error', shortDescription: { text: 'An input creeplint could not read: a missing or broken template, profile or data map. No report is made from the rest.' } },
  { id: MAX_WARNINGS_ID, shortDescription: { text: 'The run has more warnings than --max-warnings allows, so it fails.' } },
] as const;
