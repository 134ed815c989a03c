import type { DeclaredLanguage } from '../template/declared-language.js';

/** The language of an email and the direction its text runs. */
export interface EmailLanguage {
  /** A BCP 47 tag: the one the markup declares, else `ar` or `en` from the script of the copy; undefined when neither says. */
  language: string | undefined;
  direction: 'rtl' | 'ltr';
  /** Whether the markup declared the language or it was read from the script of the copy. */
  from: 'declared' | 'detected' | undefined;
}

/** Languages written right to left (their primary subtags). */
const RIGHT_TO_LEFT = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'ks', 'ku-arab', 'ps', 'sd', 'syr', 'ug', 'ur', 'yi']);
/** Below this share of the copy's letters, a script does not make the email's language. */
const MAJORITY = 0.5;

/**
 * The language of an email: its markup's `lang`, else the script most of its own copy
 * is written in (Arabic letters make it `ar`, Latin letters `en`; values printed from a
 * profile do not count, so every recipient of a template gets the same answer). The
 * direction is its markup's `dir` (rtl or ltr), else the language's. Both lexicons
 * apply whatever the language: it decides the layout of previews and the language of
 * the words a rule suggests.
 */
export function emailLanguage(declared: DeclaredLanguage, copy: Iterable<string>): EmailLanguage {
  const detected = declared.lang === undefined ? scriptLanguage(copy) : undefined;
  const language = declared.lang ?? detected;
  const direction = declared.dir === 'rtl' || declared.dir === 'ltr' ? declared.dir : isRightToLeft(language) ? 'rtl' : 'ltr';
  return { language, direction, from: declared.lang !== undefined ? 'declared' : detected !== undefined ? 'detected' : undefined };
}

export function isRightToLeft(language: string | undefined): boolean {
  if (language === undefined) return false;
  const lower = language.toLowerCase();
  return RIGHT_TO_LEFT.has(lower.split('-')[0] ?? '') || RIGHT_TO_LEFT.has(lower.split('-').slice(0, 2).join('-'));
}

/** Whether two language tags name the same language (their primary subtags agree: ar-SA is ar). */
export function sameLanguage(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  return a.split('-')[0]?.toLowerCase() === b.split('-')[0]?.toLowerCase();
}

/** `ar` when at least half the letters are in Arabic script, `en` when at least half are Latin; undefined otherwise. */
export function scriptLanguage(texts: Iterable<string>): 'ar' | 'en' | undefined {
  let arabic = 0;
  let latin = 0;
  let letters = 0;
  for (const text of texts) {
    for (const match of text.matchAll(LETTERS)) {
      letters += 1;
      if (match[1] !== undefined) arabic += 1;
      else if (match[2] !== undefined) latin += 1;
    }
  }
  if (letters === 0) return undefined;
  if (arabic / letters >= MAJORITY) return 'ar';
  if (latin / letters >= MAJORITY) return 'en';
  return undefined;
}

/** A letter, caught as Arabic (group 1), Latin (group 2) or another script. */
const LETTERS = /(?=\p{L})(?:(\p{Script=Arabic})|(\p{Script=Latin})|\p{L})/gu;
