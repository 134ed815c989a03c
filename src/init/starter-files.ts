import { fieldPathToSegments } from '../model/datamap.js';

/** What `creeplint init` learned from the templates. */
export interface InitSurvey {
  templates: string[];
  partials: string[];
  /** Field paths the templates read, sorted. */
  fields: string[];
  /** Helpers the templates call that creeplint does not know. */
  helpers: string[];
}

/** Category guesses from common field names; every guess is marked for review. */
const NAME_GUESSES: readonly [part: string, category: string, source: string][] = [
  ['first_name', 'user.name.first', 'declared'],
  ['firstname', 'user.name.first', 'declared'],
  ['last_name', 'user.name.last', 'declared'],
  ['name', 'user.name', 'declared'],
  ['email', 'user.contact.email', 'declared'],
  ['phone', 'user.contact.phone_number', 'declared'],
  ['city', 'user.contact.address.city', 'declared'],
  ['address', 'user.contact.address', 'declared'],
  ['birth', 'user.demographic.date_of_birth', 'declared'],
  ['url', 'system.operations', 'system'],
  ['link', 'system.operations', 'system'],
  ['order', 'user.behavior.purchase_history', 'declared'],
  ['viewed', 'user.behavior.browsing_history', 'observed'],
  ['location', 'user.location.imprecise', 'observed'],
];

function guess(field: string): { category: string; source: string } | undefined {
  const lower = field.toLowerCase();
  const found = NAME_GUESSES.find(([part]) => lower.includes(part));
  return found ? { category: found[1], source: found[2] } : undefined;
}

function yamlKey(text: string): string {
  return /^[A-Za-z0-9_.[\]-]+$/u.test(text) ? text : JSON.stringify(text);
}

export function starterConfig(survey: InitSurvey): string {
  const lines = [
    '# creeplint configuration: https://github.com/creeplint/creeplint#configuration',
    '# Paths are relative to this file. Command-line options win over these.',
    'datamap: datamap.yaml',
    `templates: [${survey.templates.map((template) => JSON.stringify(template)).join(', ')}]`,
    survey.partials.length > 0 ? `partials: [${survey.partials.map((dir) => JSON.stringify(dir)).join(', ')}]` : '# partials: [emails/partials]',
    '# Which categories are special: gdpr (default), cpra (California), pdpl-sa (Saudi Arabia).',
    'preset: gdpr',
    '# Highest acceptable score (0-100); creeplint check exits 1 above it.',
    'max-score: 74',
    '# Rule levels (off, info, warning, error), or [level, options]; `creeplint rules` lists them.',
    'rules:',
    '  # no-sensitive-data: [warning, { threshold: 0.5 }]',
    '  require-purpose: warning',
  ];
  if (survey.helpers.length > 0) {
    lines.push(
      '# Your helpers, by what they do with their arguments: format (prints them transformed),',
      '# condition (decides with them), link (builds a URL), no-data (reads none). Check each one.',
      'helpers:',
      ...survey.helpers.map((helper) => `  ${yamlKey(helper)}: format`),
    );
  } else {
    lines.push('# helpers:', '#   formatDate: format');
  }
  lines.push('# Partials registered under another name than their file:', '# partial-names:', '#   footer: layout/footer-v2');
  return `${lines.join('\n')}\n`;
}

export function starterDataMap(survey: InitSurvey): string {
  const lines = [
    '# The data map: every field the templates read, what it is, how you got it, and what',
    '# it may be used for. Built by `creeplint init` from the templates; review every line.',
    'version: 1',
    'purposes:',
    '  transactional: { basis: contract, description: Orders and account emails }',
    '  marketing: { basis: consent, description: Newsletters and offers }',
    'fields:',
  ];
  for (const field of survey.fields) {
    const guessed = guess(field);
    const category = guessed?.category ?? 'user';
    const source = guessed?.source ?? 'declared';
    const purposes = source === 'system' ? '' : ', purposes: [transactional, marketing]';
    const note = guessed ? '# guessed from the name: check it' : '# TODO: category and source';
    lines.push(`  ${yamlKey(field)}: { category: ${category}, source: ${source}${purposes} }  ${note}`);
  }
  return `${lines.join('\n')}\n`;
}

/** An example recipient with a placeholder for every field the templates read. */
export function starterProfile(survey: InitSurvey): string {
  const data: Record<string, unknown> = {};
  for (const field of survey.fields) {
    let target: Record<string, unknown> = data;
    const all = fieldPathToSegments(field);
    const segments = all.filter((segment) => segment !== '[]');
    const isList = (index: number): boolean => all[all.indexOf(segments[index] ?? '') + 1] === '[]';
    segments.forEach((segment, index) => {
      const last = index === segments.length - 1;
      if (last) {
        if (!(segment in target)) target[segment] = isList(index) ? [] : `example ${segment}`;
        return;
      }
      if (isList(index)) {
        const list = (Array.isArray(target[segment]) ? target[segment] : (target[segment] = [{}])) as Record<string, unknown>[];
        if (list.length === 0) list.push({});
        target = list[0] as Record<string, unknown>;
      } else {
        target = (typeof target[segment] === 'object' && target[segment] !== null ? target[segment] : (target[segment] = {})) as Record<string, unknown>;
      }
    });
  }
  const profile = {
    id: 'example-recipient',
    data,
    consent: { marketing: { granted: true, at: '2026-01-01T00:00:00Z' } },
  };
  return `${JSON.stringify(profile, null, 2)}\n`;
}
