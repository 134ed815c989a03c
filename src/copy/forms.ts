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

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u']);

/** Whether a short vowel between two consonants ends the word, so the last doubles before -ed and -ing (shop → shopped, get → getting). */
function doubled(word: string): boolean {
  const [a, b, c] = [word.at(-3) ?? '', word.at(-2) ?? '', word.at(-1) ?? ''];
  return a !== '' && !VOWELS.has(a) && VOWELS.has(b) && !VOWELS.has(c) && !'wxy'.includes(c);
}

/** The auxiliaries, with the marks contractions leave ('s: is or has; 'd: had or would): each group is one word's forms. */
const AUXILIARIES: readonly (readonly string[])[] = [
  ['be', 'am', 'is', 'are', 'was', 'were', 'been', 'being', "'s"],
  ['have', 'has', 'had', 'having', "'s", "'d"],
  ['would', "'d"],
];

/** Common irregular verbs: the base, then its past forms (the -s and -ing forms follow the rules). */
const IRREGULAR =
  'do did done|see saw seen|know knew known|leave left|buy bought|find found|get got gotten|think thought|spend spent|keep kept|send sent|make made|take took taken|give gave given|come came|go went gone|choose chose chosen|feel felt|hear heard|tell told|say said|pay paid|bring brought|catch caught|lose lost';

/** A word's forms when it belongs to a group: every member matches every other. */
const GROUP_OF = new Map<string, Set<string>>();
for (const group of [...AUXILIARIES, ...IRREGULAR.split('|').map((verb) => withPresent(verb.split(' ')))]) {
  for (const member of group) {
    const forms = GROUP_OF.get(member) ?? new Set<string>();
    for (const other of group) forms.add(other);
    GROUP_OF.set(member, forms);
  }
}

/** An irregular verb with its -s and -ing forms: see → sees, seeing; go → goes; get → getting; make → making. */
function withPresent(forms: readonly string[]): string[] {
  const base = forms[0] ?? '';
  const third = /(s|sh|ch|x|o)$/u.test(base) ? `${base}es` : `${base}s`;
  const stem = base.endsWith('e') && !base.endsWith('ee') ? base.slice(0, -1) : doubled(base) ? `${base}${base.at(-1) ?? ''}` : base;
  return [...forms, third, `${stem}ing`];
}

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
  if (doubled(pattern)) forms.push(`${pattern}${pattern.at(-1) ?? ''}ed`, `${pattern}${pattern.at(-1) ?? ''}ing`);
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
