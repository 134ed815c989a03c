import { hasArabic } from './word-keys.js';

/**
 * Every written form a lexicon word (a key, word-keys.ts) matches: the email's words
 * are matched as they are written, and the lexicon's words stand for all their forms.
 *
 * English: regular inflections ("notice" matches noticed, notices, noticing; "shop"
 * shopped and shopping), the base a phrase's -ing or -ed form comes from ("viewing"
 * also matches viewed, views), common irregular verbs ("see" matches saw and seen), and
 * the marks contractions leave ("is" matches the 's of "it's"; "had" and "would" the 'd of
 * "we'd").
 *
 * Arabic: the clitics written onto a word (و and, ف so, ب by/with, ل for/to, ك like, and
 * these together), the article ال (with ل it is written لل), and "your" written to
 * several people (ـكم، ـكما، ـكن) as well as to one (ـك).
 */
export function formsOf(key: string): ReadonlySet<string> {
  let forms = cache.get(key);
  if (!forms) {
    forms = hasArabic(key) ? arabicForms(key) : englishForms(key);
    cache.set(key, forms);
  }
  return forms;
}

const cache = new Map<string, ReadonlySet<string>>();

/** Forms that do not follow the rules: each group is one word's forms, and every member matches every other. */
const GROUPS: readonly (readonly string[])[] = [
  ['be', 'am', 'is', 'are', 'was', 'were', 'been', 'being', "'s"],
  ['have', 'has', 'had', 'having', "'s", "'d"],
  ['would', "'d"],
  ['do', 'does', 'did', 'doing', 'done'],
  ['see', 'sees', 'seeing', 'saw', 'seen'],
  ['know', 'knows', 'knowing', 'knew', 'known'],
  ['leave', 'leaves', 'leaving', 'left'],
  ['buy', 'buys', 'buying', 'bought'],
  ['find', 'finds', 'finding', 'found'],
  ['get', 'gets', 'getting', 'got', 'gotten'],
  ['think', 'thinks', 'thinking', 'thought'],
  ['spend', 'spends', 'spending', 'spent'],
  ['keep', 'keeps', 'keeping', 'kept'],
  ['send', 'sends', 'sending', 'sent'],
  ['make', 'makes', 'making', 'made'],
  ['take', 'takes', 'taking', 'took', 'taken'],
  ['give', 'gives', 'giving', 'gave', 'given'],
  ['come', 'comes', 'coming', 'came'],
  ['go', 'goes', 'going', 'went', 'gone'],
  ['choose', 'chooses', 'choosing', 'chose', 'chosen'],
  ['feel', 'feels', 'feeling', 'felt'],
  ['hear', 'hears', 'hearing', 'heard'],
  ['tell', 'tells', 'telling', 'told'],
  ['say', 'says', 'saying', 'said'],
  ['pay', 'pays', 'paying', 'paid'],
  ['bring', 'brings', 'bringing', 'brought'],
  ['catch', 'catches', 'catching', 'caught'],
  ['lose', 'loses', 'losing', 'lost'],
];

const GROUP_OF = new Map<string, Set<string>>();
for (const group of GROUPS) {
  for (const member of group) {
    const forms = GROUP_OF.get(member) ?? new Set<string>();
    for (const other of group) forms.add(other);
    GROUP_OF.set(member, forms);
  }
}

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u']);

function englishForms(pattern: string): Set<string> {
  const forms = new Set([pattern]);
  const group = GROUP_OF.get(pattern);
  if (group) {
    for (const form of group) forms.add(form);
    return forms;
  }
  for (const form of regularForms(pattern)) forms.add(form);
  // A phrase written with an inflected word matches the word's other forms too.
  for (const base of basesOf(pattern)) {
    forms.add(base);
    for (const form of GROUP_OF.get(base) ?? regularForms(base)) forms.add(form);
  }
  return forms;
}

function regularForms(pattern: string): string[] {
  if (pattern.length < 3 || !/^[a-z]+$/u.test(pattern)) return [];
  const stem = pattern.endsWith('e') ? pattern.slice(0, -1) : pattern;
  const forms = [`${pattern}s`, `${pattern}es`, `${pattern}d`, `${pattern}ed`, `${pattern}ing`, `${stem}ing`, `${stem}ed`];
  if (pattern.endsWith('y')) forms.push(`${pattern.slice(0, -1)}ies`, `${pattern.slice(0, -1)}ied`);
  // shop → shopped, shopping: a short vowel between two consonants doubles the last.
  const [a, b, c] = [pattern.at(-3) ?? '', pattern.at(-2) ?? '', pattern.at(-1) ?? ''];
  if (!VOWELS.has(a) && VOWELS.has(b) && !VOWELS.has(c) && !'wxy'.includes(c)) forms.push(`${pattern}${c}ed`, `${pattern}${c}ing`);
  return forms;
}

/** The bases an inflected word may come from: viewing → view, noticed → notice, stopped → stop, studied → study, debts → debt. */
function basesOf(pattern: string): string[] {
  const bases: string[] = [];
  const fromStem = (stem: string): void => {
    if (stem.length < 3) return;
    bases.push(stem, `${stem}e`);
    if (stem.length >= 4 && stem.at(-1) === stem.at(-2)) bases.push(stem.slice(0, -1));
  };
  if (pattern.endsWith('ing')) fromStem(pattern.slice(0, -3));
  else if (pattern.endsWith('ied')) bases.push(`${pattern.slice(0, -3)}y`);
  else if (pattern.endsWith('ed')) fromStem(pattern.slice(0, -2));
  else if (pattern.endsWith('ies')) bases.push(`${pattern.slice(0, -3)}y`);
  else if (pattern.endsWith('s') && !pattern.endsWith('ss') && pattern.length >= 4) {
    bases.push(pattern.slice(0, -1));
    if (pattern.endsWith('es')) bases.push(pattern.slice(0, -2));
  }
  return bases.filter((base) => base.length >= 3);
}

const ARTICLE = 'ال';
/** Clitics written before a word, alone and together. */
const CLITICS = ['', 'و', 'ف', 'ب', 'ل', 'ك', 'وب', 'ول', 'وك', 'فب', 'فل', 'فك'];
/** "your": to one person (ـك) and to several (ـكم، ـكما، ـكن). */
const YOUR = ['ك', 'كم', 'كما', 'كن'];
const YOUR_LONGEST_FIRST = [...YOUR].sort((a, b) => b.length - a.length);

function arabicForms(key: string): Set<string> {
  // The word with and without the article, each with "your" to one or several. A word
  // that starts with ال may not have the article at all (إلغاء is written الغاء too):
  // it is read both ways.
  const stems = new Set<string>();
  const words = [key, `${ARTICLE}${key}`];
  if (key.startsWith(ARTICLE) && key.length > ARTICLE.length + 1) words.push(key.slice(ARTICLE.length));
  for (const word of words) {
    stems.add(word);
    const your = YOUR_LONGEST_FIRST.find((suffix) => word.endsWith(suffix) && word.length - suffix.length >= 2);
    if (your) for (const suffix of YOUR) stems.add(`${word.slice(0, -your.length)}${suffix}`);
  }
  const forms = new Set<string>();
  for (const stem of stems) {
    for (const clitic of CLITICS) {
      forms.add(`${clitic}${stem}`);
      // ل before the article drops its alef: ل + الاشتراك is written للاشتراك (and ل + اللغة للغة).
      if (clitic.endsWith('ل') && stem.startsWith(ARTICLE)) {
        const rest = stem.slice(ARTICLE.length);
        forms.add(`${clitic}${rest.startsWith('ل') ? '' : 'ل'}${rest}`);
      }
    }
  }
  return forms;
}
