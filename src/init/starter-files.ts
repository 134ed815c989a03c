import { isFieldPath } from '../load/datamap.js';
import { fieldPathToSegments } from '../model/datamap.js';
import { guessField } from './guess-field.js';

/** What `creeplint init` learned from the templates. */
export interface InitSurvey {
  templates: string[];
  partials: string[];
  /** Purposes the templates' front matter names, sorted. */
  purposes: string[];
  /** Field paths the templates read, sorted. */
  fields: string[];
  /** Helpers the templates call that creeplint does not know. */
  helpers: string[];
}

/** A key YAML reads back as the same string: plain when it is a plain path, quoted otherwise. */
function yamlKey(text: string): string {
  const plain = /^[A-Za-z_][A-Za-z0-9_.[\]-]*$/u.test(text) && !/^(?:true|false|null|yes|no|on|off|y|n)$/iu.test(text);
  return plain ? text : JSON.stringify(text);
}

/** Text safe inside a one-line YAML comment: a path quoted, with anything that could break the line escaped. */
function commentText(text: string): string {
  return JSON.stringify(text).replace(/[\u007f-\u009f\u2028\u2029]/gu, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
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

const DATA_MAP_HEADER = [
  '# The data map: every field the templates read, what kind of data it is, how you got it, and',
  '# what it may be used for. `creeplint init` wrote it from the templates alone, so every field',
  '# below is a guess from the words of its whole path, marked `# guess:` with the words it rests',
  '# on. The guesses are careful, not generous:',
  '# - each source is the least favourable plausible one for what the field seems to be (observed,',
  '#   inferred or third_party), never `declared` just because nothing else fitted;',
  '# - purposes are none (`purposes: []`), so `creeplint check` reports every personal field as a',
  '#   purpose mismatch until you decide what it may be used for;',
  '# - links the company owns are `system` with no purposes listed, so they may serve every',
  '#   purpose: they say nothing about the reader. The unsubscribe, preferences and privacy-notice',
  '#   links get a `role`.',
  '# Next, field by field: correct the category; set the source to how you really got the data',
  '# (`declared` if the person typed it into your own form); list the purposes it may serve; then',
  '# delete its `# guess` lines. Then run: creeplint check --profile profiles/example.json',
];

export function starterDataMap(survey: InitSurvey): string {
  const lines = [
    ...DATA_MAP_HEADER,
    'version: 1',
    'purposes:',
    '  transactional: { basis: contract, description: Orders and account emails }',
    '  marketing: { basis: consent, description: Newsletters and offers }',
  ];
  const named = survey.purposes.filter((purpose) => purpose !== 'transactional' && purpose !== 'marketing');
  if (named.length > 0) lines.push('  # named by the templates: basis consent, the strictest, until you give the real one');
  for (const purpose of named) lines.push(`  ${yamlKey(purpose)}: { basis: consent }`);
  const fieldLines: string[] = [];
  let listed = 0;
  for (const field of survey.fields) {
    if (!isFieldPath(field)) {
      fieldLines.push(
        `  # not listed: ${commentText(field)} cannot be written as a data-map path (a space, a bracket or an empty segment);`,
        '  #   rename it in the template, or `creeplint check` reports it as a field the data map does not describe',
      );
      continue;
    }
    const guess = guessField(field);
    const quotedWords = guess.words.map((word) => commentText(word)).join(', ');
    const words = guess.words.length === 0 ? 'from no word of its path' : `from the word${guess.words.length === 1 ? '' : 's'} ${quotedWords}`;
    const entries = [`category: ${guess.category}`, `source: ${guess.source}`];
    if (guess.purposes === 'none') entries.push('purposes: []');
    if (guess.role !== undefined) entries.push(`role: ${guess.role}`);
    fieldLines.push(
      `  # guess: ${commentText(field)} is ${guess.what} (${words}); review category, source and purposes`,
      `  #   source ${guess.source}: ${guess.why}`,
      `  ${yamlKey(field)}: { ${entries.join(', ')} }`,
    );
    listed += 1;
  }
  // A mapping with no entries must still be a mapping.
  lines.push(listed === 0 ? 'fields: {}  # the templates read no field a data map can describe' : 'fields:', ...fieldLines);
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
