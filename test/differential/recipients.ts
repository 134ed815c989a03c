import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parse } from 'yaml';
import { writtenForms } from '../copy/written-forms.js';

/**
 * Adversarial recipients for the differential test: values that each take a different
 * branch through the checker's caches (copy words, links, raw HTML, truthiness, exact
 * times, long values, consent states, per-person sources). Every path that judges a
 * recipient must give them the result lint() gives them alone.
 */

const PHRASES = ['en', 'ar'].flatMap((language) => {
  const lexicon = parse(readFileSync(new URL(`../../lexicon/${language}.yaml`, import.meta.url), 'utf8')) as { entries: { phrases: string[] }[] };
  return lexicon.entries.flatMap((entry) => entry.phrases);
});

/** A lexicon phrase, English or Arabic, as a writer might type it (test/copy/written-forms.ts): any case, apostrophe, contraction, harakat, tatweel, clitic. */
const phrase = fc.constantFrom(...PHRASES).chain(writtenForms);

/** Pieces of words that only make a phrase with the copy around them, and strings that read differently once normalised. */
const wordPieces = fc.constantFrom(
  "you've",
  'you’re',
  'YOUʼVE',
  'we’d',
  "it's",
  '’s',
  "n't",
  "don't",
  'لاحظنا',
  'أنكَ',
  'بأنكم',
  'بـالاشتراك',
  'للاشتراك',
  'إلغاء',
  'الإشتراك',
  'تصفحكم',
  'مؤخراً',
  'هذه الرسالة',
  'ﻻ',
  'ﷺ',
  '\u202eevil',
  'un\u00adsubscribe',
  'we\u200cnoticed',
  'لاحظنا\u200c أنك',
  'a\u0301',
  '٣٫٥',
  'Ｗｅ ｎｏｔｉｃｅｄ',
  'Layla لاحظنا أنك',
  'مرحبا Layla, we noticed you',
);

const NAMES = ['Layla', 'Omar', 'Chen', 'Ana', 'Sipho', 'Jo', 'Maëlle', 'Zoë', 'O’Brien', 'Trail shoes', 'Pregnancy test', 'Debt advice book', 'Baby monitor', 'Rain jacket', 'ليلى', 'عبد الله', 'حذاء الجري', 'Nike حذاء'];

const plain = fc.oneof(
  fc.constantFrom(...NAMES),
  fc.tuple(fc.constantFrom(...NAMES), fc.nat(99_999)).map(([name, n]) => `${name} ${n}`),
  fc.string({ maxLength: 12 }),
);

const urlLike = fc.constantFrom('', '#', ' ', '  #  ', 'javascript:alert(1)', 'JavaScript:void(0)', 'mailto:stop@example.com', 'https://example.com/u?x=1&y=2', ' https://example.com/p ', 'unsubscribe', '/unsubscribe');

const html = fc.constantFrom(
  '<!--',
  '-->',
  '<b>bold</b>',
  '</p><p>We noticed you',
  '<a href="https://x.example/unsubscribe">Unsubscribe</a>',
  '<div style="display:none">',
  '"><img src=x onerror=alert(1)>',
  "' onmouseover='x",
  '<script>alert(1)</script>',
  '&amp; &lt; &gt;',
  '&am',
  '<mj-text>',
);

/** The characters the tracing render uses as markers, in a value. */
const markers = fc.array(fc.integer({ min: 0xf8e0, max: 0xf8f4 }), { minLength: 1, maxLength: 6 }).map((codes) => `a${String.fromCharCode(...codes)}b`);

const falsy = fc.constantFrom<unknown>(0, false, '', null, '   ', [], {});

/** Over 200 characters, with an exact time past the 200th. */
const long = fc.tuple(fc.integer({ min: 190, max: 400 }), fc.boolean()).map(([length, time]) => `${'long '.repeat(Math.ceil(length / 5)).slice(0, length)}${time ? ' seen at 21:41' : ''}`);

const exactTime = fc.constantFrom('2026-11-27T21:41:00Z', 'at 9:41', '9:41 pm', '2026-11-27', 'yesterday');

const sentence = fc.tuple(plain, phrase, plain).map(([a, b, c]) => `${a} ${b} ${c}`);

/** Half a phrase with a contraction or a clitic at the cut, as a value the copy around it completes. */
const halfPhrase = fc.tuple(phrase, fc.boolean()).map(([text, first]) => {
  const words = text.split(' ');
  const cut = Math.max(1, Math.floor(words.length / 2));
  return (first ? words.slice(0, cut) : words.slice(cut)).join(' ');
});

export const value: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: plain },
  { weight: 2, arbitrary: phrase },
  { weight: 2, arbitrary: sentence },
  { weight: 2, arbitrary: halfPhrase },
  { weight: 2, arbitrary: wordPieces },
  { weight: 2, arbitrary: urlLike },
  { weight: 2, arbitrary: html },
  { weight: 1, arbitrary: markers },
  { weight: 2, arbitrary: falsy },
  { weight: 1, arbitrary: long },
  { weight: 1, arbitrary: exactTime },
  { weight: 1, arbitrary: fc.integer({ min: -5, max: 1000 }) },
  { weight: 1, arbitrary: fc.boolean() },
);

const SOURCES = ['declared', 'observed', 'inferred', 'third_party', 'system'] as const;

/** Consent records in every state: granted, refused, expired, granted until later, absent. */
const consentRecord = fc.constantFrom<unknown>(
  undefined,
  { granted: true, at: '2026-01-10T08:00:00Z' },
  { granted: false, at: '2026-05-03T12:00:00Z' },
  { granted: true, at: '2020-01-01T00:00:00Z', expires: '2021-01-01T00:00:00Z' },
  { granted: true, at: '2026-01-01T00:00:00Z', expires: '2099-01-01T00:00:00Z' },
);

/** Purposes of the bundled data map, and ones outside it that `ifConsent` may guard. */
export const PURPOSES = ['marketing', 'personalisation', 'transactional', 'research', 'analytics'] as const;

/** Put a value at a data-map path (`order.items[].name`), making lists of 0 to 25 items on the way. */
function setPath(data: Record<string, unknown>, path: string, make: () => unknown, lengths: () => number): void {
  const parts = path.split('.');
  const visit = (node: Record<string, unknown>, index: number): void => {
    const part = parts[index] as string;
    const last = index === parts.length - 1;
    const list = part.endsWith('[]');
    const key = list ? part.slice(0, -2) : part;
    if (list) {
      if (!Array.isArray(node[key])) node[key] = Array.from({ length: lengths() }, () => ({}));
      for (const item of node[key] as unknown[]) {
        if (last) continue;
        if (typeof item === 'object' && item !== null) visit(item as Record<string, unknown>, index + 1);
      }
      if (last) node[key] = (node[key] as unknown[]).map(() => make());
      return;
    }
    if (last) {
      node[key] = make();
      return;
    }
    if (typeof node[key] !== 'object' || node[key] === null || Array.isArray(node[key])) node[key] = {};
    visit(node[key] as Record<string, unknown>, index + 1);
  };
  visit(data, 0);
}

export interface RecipientRecord {
  id: string;
  data: Record<string, unknown>;
  consent: Record<string, unknown>;
  sources: Record<string, string>;
}

/**
 * Recipients with a value (or none) for each field path; ids are filled in by the caller.
 * A field is left out a fifth of the time, so missing values are common too.
 */
export function recipientArbitrary(fields: readonly string[]): fc.Arbitrary<Omit<RecipientRecord, 'id'>> {
  const perField = fields.map((field) => fc.tuple(fc.constant(field), fc.option(fc.array(value, { minLength: 1, maxLength: 26 }), { freq: 5 }), fc.integer({ min: 0, max: 25 })));
  return fc
    .tuple(
      fc.tuple(...perField),
      fc.tuple(...PURPOSES.map((purpose) => fc.tuple(fc.constant(purpose), consentRecord))),
      fc.subarray(fields.map((field) => field.replace(/\[\]/gu, '[]')), { maxLength: 3 }),
      fc.array(fc.constantFrom(...SOURCES), { minLength: 3, maxLength: 3 }),
    )
    .map(([values, consents, overridden, sources]) => {
      const data: Record<string, unknown> = {};
      for (const [field, pool, length] of values) {
        if (pool === null) continue;
        let next = 0;
        setPath(data, field, () => pool[next++ % pool.length], () => length % 26);
      }
      const consent: Record<string, unknown> = {};
      for (const [purpose, record] of consents) if (record !== undefined) consent[purpose] = record;
      const overrides: Record<string, string> = {};
      overridden.forEach((field, index) => (overrides[field] = sources[index] ?? 'observed'));
      return { data, consent, sources: overrides };
    });
}
