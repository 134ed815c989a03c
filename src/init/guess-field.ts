import type { FieldRole } from '../model/datamap.js';
import type { Source } from '../model/vocabulary.js';
import * as W from './guess-words.js';
import type { Behaviour, Owner } from './guess-words.js';
import { pathWords, type PathWords } from './path-words.js';

/**
 * What `creeplint init` guesses a field holds, from the words of its whole path. It is
 * careful, not generous: the source is the least favourable plausible one for what the
 * field seems to be (never `declared` because nothing else matched), personal data gets
 * no purposes until someone decides, and only links the company owns serve every purpose.
 */
export interface FieldGuess {
  category: string;
  source: Source;
  /** `none`: an empty list until someone decides. `every`: a link the company owns, with no purposes listed. */
  purposes: 'none' | 'every';
  role?: FieldRole | undefined;
  /** What the guess takes the field to be, in words: "a person's first name". */
  what: string;
  /** The words of the path the guess rests on. */
  words: string[];
  /** Why this source. */
  why: string;
}

type Reading = Omit<FieldGuess, 'purposes'> & { purposes?: 'every' };
type Rule = (path: PathWords) => Reading | undefined;

export function guessField(path: string): FieldGuess {
  const words = pathWords(path, (word) => W.KNOWN.has(word));
  return settle(read(words), words);
}

function read(path: PathWords): Reading {
  for (const rule of RULES) {
    const reading = rule(path);
    if (reading) return reading;
  }
  return {
    category: 'user',
    source: 'observed',
    what: 'no word says what it is: personal data of an unknown kind',
    words: path.all,
    why: WHY.unknown,
  };
}

const SOURCE_RANK: Readonly<Record<Source, number>> = { system: -1, declared: 0, observed: 1, inferred: 2, third_party: 3 };

/** Words that say the data was bought or modelled make the source worse, never better. */
function settle(reading: Reading, path: PathWords): FieldGuess {
  const guess: FieldGuess = { ...reading, purposes: reading.purposes ?? 'none' };
  if (guess.source === 'system') return guess;
  const bought = matches(path.all, W.THIRD_PARTY);
  if (path.all.includes('party') && (path.all.includes('third') || path.all.includes('rd'))) bought.push('third', 'party');
  if (matches(path.all, W.BOUGHT_DATA).length > 0) bought.push(...matches(path.all, W.BOUGHT));
  const modelled = matches(path.all, W.INFERRED);
  if (bought.length > 0) {
    const why = `the words ${quoted(bought)} say it came from another company`;
    return { ...guess, source: 'third_party', words: merge(guess.words, bought), why: guess.source === 'third_party' ? `${why}, and ${guess.why}` : why };
  }
  if (modelled.length > 0 && SOURCE_RANK[guess.source] <= SOURCE_RANK.inferred) {
    const why = `the words ${quoted(modelled)} say a model or rule derived it`;
    return {
      ...guess,
      source: 'inferred',
      words: merge(guess.words, modelled),
      why: guess.source === 'inferred' && guess.why !== WHY.recommendation ? `${why}; ${guess.why}` : why,
    };
  }
  return guess;
}

const WHY = {
  contact:
    'names and contact details often come from someone else (a social sign-in, an express checkout, a bought or imported list, enrichment); declared only if the person typed it into your own form',
  behaviour: 'recorded by your systems as they browsed, shopped or read your emails, not told to you',
  recommendation: 'recommendations are chosen by a model or rule from what they did',
  product:
    'a product tied to them with no word saying how: what they looked at is the least favourable plausible reading; if it is the same for every reader (a launch), make it system',
  sensitive: 'sensitive facts in marketing data are most often inferred (a pregnancy from what someone buys); declared only if they told you themselves',
  child: "a household's children are often inferred from what it buys; declared only if the parent told you",
  credit: 'credit scores and ratings come from credit bureaus',
  income: 'income and wealth are usually appended by data brokers or modelled',
  money: 'recorded in their account or from a payment they made, not told to you for this email',
  account: 'recorded by your systems as they used their account',
  device: 'recorded from their device or browser',
  precise: 'recorded from their device, their phone or a visit',
  nearStore: 'a store chosen near them is worked out from where they live or were seen',
  region: 'a city or region held without an address around it is usually looked up from their IP address',
  guessedTrait: 'often guessed from a name, a title or what they buy',
  birth: 'birth dates are often appended by data brokers or taken from a social sign-in',
  work: 'job titles and employers are often appended by enrichment services',
  language: 'usually taken from their browser or device settings',
  social: 'taken from a social network',
  someoneTheyKnow: 'about someone they know, recorded when they invited, referred or followed them',
  content: 'recorded from what they wrote on your site or app, or what someone wrote to them',
  credential: 'nothing else is plausible for a secret only the person sets',
  governmentId: 'identity documents are often checked and passed on by a verification service',
  pseudonymous: 'an identifier your systems gave them: nobody typed it in, and it is still personal data',
  unknown: 'no word says how you got it; the least favourable reading that needs no other company or model is that your systems recorded it',
  link: 'a link the company owns says nothing about the reader, so it may serve every purpose (none listed means every one)',
  systemValue: 'not personal data; purposes stay empty until you decide, so a wrong guess stays careful if you change the source',
} as const;

const BEHAVIOUR_READINGS: Readonly<Record<Behaviour, { category: string; source: Source; what: string; among: string; why: string }>> = {
  browsing: { category: 'user.behavior.browsing_history', source: 'observed', what: 'what they viewed', among: 'among what they viewed', why: WHY.behaviour },
  recommendation: {
    category: 'user.behavior.purchase_history',
    source: 'inferred',
    what: 'a recommendation chosen for them',
    among: 'in a list of recommendations',
    why: WHY.recommendation,
  },
  purchase: { category: 'user.behavior.purchase_history', source: 'observed', what: 'part of an order they placed', among: 'in an order they placed', why: WHY.behaviour },
  cart: { category: 'user.behavior.purchase_history', source: 'observed', what: 'what is in their cart', among: 'in their cart', why: WHY.behaviour },
  search: { category: 'user.behavior.search_history', source: 'observed', what: 'what they searched for', among: 'among what they searched for', why: WHY.behaviour },
  media: {
    category: 'user.behavior.media_consumption',
    source: 'observed',
    what: 'what they watched or listened to',
    among: 'among what they watched or listened to',
    why: WHY.behaviour,
  },
  engagement: { category: 'user.behavior', source: 'observed', what: 'their activity (opens, clicks, logins)', among: 'in their activity', why: WHY.behaviour },
};

function matches(words: readonly string[], set: ReadonlySet<string>): string[] {
  return words.filter((word) => set.has(word));
}

function merge(first: readonly string[], second: readonly string[]): string[] {
  return [...new Set([...first, ...second])];
}

function quoted(words: readonly string[]): string {
  return [...new Set(words)].map((word) => `"${word}"`).join(', ');
}

function article(word: string): string {
  return `${/^[aeiou]/u.test(word) ? 'an' : 'a'} ${word}`;
}

function personal(category: string, source: Source, what: string, words: readonly string[], why: string): Reading {
  return { category, source, what, words: [...new Set(words)], why };
}

function system(category: string, what: string, words: readonly string[], why: string = WHY.systemValue): Reading {
  return { category, source: 'system', what, words: [...new Set(words)], why };
}

/** The nearest word that says whose value this is: the leaf's own words right to left, then the segments around it. */
function ownerOf(path: PathWords, skip: ReadonlySet<string>): { owner: Owner; word: string; at: number } | undefined {
  for (const [at, segment] of [path.leaf, ...path.parents].entries()) {
    for (const word of [...segment.words].reverse()) {
      if (skip.has(word)) continue;
      const owner = ownerOfWord(word);
      if (owner) return { owner, word, at };
    }
  }
  return undefined;
}

function ownerOfWord(word: string): Owner | undefined {
  for (const [owner, set] of Object.entries(W.OWNERS) as [keyof typeof W.OWNERS, ReadonlySet<string>][]) if (set.has(word)) return owner;
  return behaviourOfWord(word) ? 'behaviour' : undefined;
}

function behaviourOfWord(word: string): Behaviour | undefined {
  for (const [behaviour, set] of Object.entries(W.BEHAVIOURS) as [Behaviour, ReadonlySet<string>][]) if (set.has(word)) return behaviour;
  return undefined;
}

/** How far from the end of the path the nearest word that passes is (Infinity when none does). */
function distance(path: PathWords, test: (word: string) => boolean): number {
  const reversed = [...path.all].reverse();
  const at = reversed.findIndex(test);
  return at === -1 ? Infinity : at;
}

/** The nearest word that says what they did, leaf first. */
function nearestBehaviour(path: PathWords): { behaviour: Behaviour; word: string } | undefined {
  for (const segment of [path.leaf, ...path.parents]) {
    for (const word of [...segment.words].reverse()) {
      const behaviour = behaviourOfWord(word);
      if (behaviour) return { behaviour, word };
    }
  }
  return undefined;
}

/** A product (its name, link or picture) read as what the person did with it. */
function productReading(path: PathWords, thing: string, words: readonly string[]): Reading {
  const found = nearestBehaviour(path);
  if (!found) return personal('user.behavior.browsing_history', 'observed', `${thing} tied to them`, words, WHY.product);
  const reading = BEHAVIOUR_READINGS[found.behaviour];
  return personal(reading.category, reading.source, `${thing} ${reading.among}`, [found.word, ...words], reading.why);
}

function roleOf(path: PathWords): { role: FieldRole; words: string[] } | undefined {
  const all = path.all;
  const unsubscribe = matches(all, W.UNSUBSCRIBE);
  if (all.includes('opt') && all.includes('out')) unsubscribe.push('opt', 'out');
  const preferences = matches(all, W.PREFERENCE);
  const topic = matches(all, W.PREFERENCE_TOPIC);
  const page = matches(all, W.PREFERENCE_PAGE);
  // A page that manages preferences is not a one-step unsubscribe: when both are named, claim the lesser.
  if (preferences.length > 0 || (topic.length > 0 && page.length > 0)) return { role: 'preferences', words: [...preferences, ...topic, ...page] };
  if (unsubscribe.length > 0) return { role: 'unsubscribe', words: unsubscribe };
  const privacy = matches(all, W.PRIVACY);
  if (all.includes('data') && all.includes('protection')) privacy.push('data', 'protection');
  if (privacy.length > 0) return { role: 'privacy-notice', words: privacy };
  return undefined;
}

const ROLE_WHAT: Readonly<Record<FieldRole, string>> = {
  unsubscribe: 'the unsubscribe link',
  preferences: 'the link to their email preferences',
  'privacy-notice': 'the link to the privacy notice',
};

const link: Rule = (path) => {
  const leaf = path.leaf.words;
  const linkWords = [...matches(leaf, W.LINK), ...matches(leaf, W.IMAGE)];
  // `unsubscribe…`, `preferences…` and `privacy…` name the pages people reach by a link, unless they name a choice made.
  const page = [...matches(leaf, W.UNSUBSCRIBE), ...matches(leaf, W.PREFERENCE), ...matches(leaf, W.PRIVACY)];
  const choice = matches(leaf, W.CHOICE_MADE);
  // Inside `preferences` or `privacy` (`preferences.newsletter`), a value that is not a link is a choice too.
  const within = path.parents.flatMap((segment) => [...matches(segment.words, W.PREFERENCE), ...matches(segment.words, W.PRIVACY)]);
  if (within.length > 0 && linkWords.length === 0 && page.length === 0) choice.push(...within);
  if ((page.length > 0 || within.length > 0) && choice.length > 0 && linkWords.length === 0) {
    return personal('user.privacy_preferences', 'observed', 'a choice they made about their data or emails', [...page, ...choice], 'recorded by your systems when they chose');
  }
  const underLinks = path.parents.some((segment) => segment.words.length > 0 && segment.words.every((word) => W.LINK.has(word)));
  if (linkWords.length === 0 && page.length === 0 && !underLinks) return undefined;
  const owner = ownerOf(path, new Set([...W.LINK, ...W.IMAGE]));
  const images = matches(leaf, W.IMAGE);
  if (matches(leaf, W.PERSON_IMAGE).length > 0 || (images.length > 0 && owner?.owner === 'person' && !leaf.includes('logo'))) {
    return personal(
      'user.content.self_image',
      'third_party',
      'a picture of the person',
      [...(owner ? [owner.word] : []), ...images],
      'profile pictures often come from a social sign-in or an avatar service',
    );
  }
  if (owner?.owner === 'person' && (leaf.includes('website') || leaf.includes('homepage'))) {
    return personal('user.contact.url', 'third_party', 'their own website', [owner.word, ...linkWords], WHY.contact);
  }
  const inList = path.parents.some((segment) => segment.list);
  if (owner?.owner === 'product' || (owner?.owner === 'behaviour' && inList)) {
    return productReading(path, `a link or picture of ${article(owner.owner === 'product' ? owner.word : 'product')}`, [owner.word, ...linkWords]);
  }
  const role = roleOf(path);
  if (role) return { ...system('system.operations', ROLE_WHAT[role.role], [...role.words, ...linkWords], WHY.link), role: role.role, purposes: 'every' };
  const what = images.length > 0 && images.length === linkWords.length ? 'an image the company serves' : 'a link the company owns';
  return { ...system('system.operations', what, linkWords.length > 0 ? linkWords : path.leaf.words, WHY.link), purposes: 'every' };
};

const secret: Rule = (path) => {
  const tokens = matches(path.leaf.words, W.SECRET);
  const kind = matches(path.all, W.SECRET_KIND);
  const thing = matches(path.leaf.words, W.SECRET_THING);
  if (tokens.length === 0 && (kind.length === 0 || thing.length === 0)) return undefined;
  return system('system.authentication', 'a one-time code or token your systems make', [...kind, ...tokens, ...thing]);
};

const credential: Rule = (path) => {
  const leaf = path.leaf.words;
  const secrets = matches(leaf, W.CREDENTIAL);
  const question = leaf.includes('security') && (leaf.includes('question') || leaf.includes('answer'));
  if (secrets.length === 0 && !question) return undefined;
  const category = secrets.includes('password') ? 'user.authorization.password' : 'user.authorization.credentials';
  return personal(category, 'declared', 'a secret they use to sign in', question ? ['security', ...secrets] : secrets, WHY.credential);
};

const GOVERNMENT_IDS: readonly [test: (words: readonly string[]) => string[], category: string][] = [
  [(w) => (w.includes('ssn') ? ['ssn'] : w.includes('social') && w.includes('security') ? ['social', 'security'] : []), 'user.government_id.national_identification_number'],
  [
    (w) => (w.includes('national') && ['id', 'insurance', 'identity', 'number'].some((x) => w.includes(x)) ? ['national'] : matches(w, new Set(['nino', 'nin']))),
    'user.government_id.national_identification_number',
  ],
  [(w) => matches(w, new Set(['passport'])), 'user.government_id.passport_number'],
  [
    (w) => ((w.includes('driver') || w.includes('driving')) && (w.includes('license') || w.includes('licence')) ? ['driver', 'license'] : []),
    'user.government_id.drivers_license_number',
  ],
  [(w) => matches(w, new Set(['visa', 'immigration', 'residency'])), 'user.government_id.immigration'],
  [(w) => (w.includes('birth') && w.includes('certificate') ? ['birth', 'certificate'] : []), 'user.government_id.birth_certificate'],
  [
    (w) =>
      (w.includes('vehicle') && w.includes('registration')) || (w.includes('plate') && (w.includes('license') || w.includes('number')))
        ? ['vehicle', 'plate'].filter((x) => w.includes(x))
        : matches(w, new Set(['vin'])),
    'user.government_id.vehicle_registration',
  ],
  [(w) => (w.includes('tax') && ['id', 'number', 'identification'].some((x) => w.includes(x)) ? ['tax'] : []), 'user.government_id'],
];

const governmentId: Rule = (path) => {
  for (const [test, category] of GOVERNMENT_IDS) {
    const found = test(path.all);
    if (found.length > 0) return personal(category, 'third_party', 'an official identity number', found, WHY.governmentId);
  }
  return undefined;
};

/** Words of a kind, each with the category, source, reading and reason it gives: the first kind found decides. */
type Trait = readonly [words: ReadonlySet<string>, category: string, source: Source, what: string, why: string];

function firstTrait(words: readonly string[], traits: readonly Trait[]): Reading | undefined {
  for (const [set, category, source, what, why] of traits) {
    const found = matches(words, set);
    if (found.length > 0) return personal(category, source, what, found, why);
  }
  return undefined;
}

const SPECIAL: readonly Trait[] = [
  [W.SEXUAL, 'user.demographic.sexual_orientation', 'inferred', 'about their sex life or orientation', WHY.sensitive],
  [W.RELIGION, 'user.demographic.religious_belief', 'inferred', 'about their religion or beliefs', WHY.sensitive],
  [W.ETHNICITY, 'user.demographic.race_ethnicity', 'inferred', 'about their race or ethnicity', WHY.sensitive],
  [W.POLITICAL, 'user.demographic.political_opinion', 'inferred', 'about their political opinions', WHY.sensitive],
  [W.CRIMINAL, 'user.criminal_history', 'inferred', 'about a criminal record', WHY.sensitive],
];

const specialCategory: Rule = (path) => {
  const all = path.all;
  const notHealthCondition = matches(all, W.NOT_HEALTH_CONDITION).length > 0;
  const health = [
    ...matches(all, W.HEALTH).filter((word) => word !== 'condition' || !notHealthCondition),
    ...all.filter((word) => W.HEALTH_PREFIXES.some((prefix) => word.startsWith(prefix))),
  ];
  if (all.includes('due') && matches(all, W.PREGNANCY_CONTEXT).length > 0) health.push(...matches(all, W.PREGNANCY_CONTEXT), 'due');
  if (all.includes('weight') && (all.includes('loss') || all.includes('goal'))) health.push('weight', ...matches(all, new Set(['loss', 'goal'])));
  const genetic = matches(all, W.GENETIC);
  if (genetic.length > 0) return personal('user.health_and_medical.genetic', 'inferred', 'genetic data', genetic, WHY.sensitive);
  if (all.includes('patient') && matches(all, W.ID).length > 0) health.push('patient');
  if (health.length > 0) {
    const ids = matches(path.leaf.words, W.ID);
    const category = all.includes('insurance')
      ? 'user.health_and_medical.insurance_beneficiary_id'
      : ids.length > 0 || all.includes('record') || all.includes('nhs')
        ? 'user.health_and_medical.record_id'
        : 'user.health_and_medical';
    return personal(category, 'inferred', 'about their health', health, WHY.sensitive);
  }
  const special = firstTrait(all, SPECIAL);
  if (special) return special;
  const biometric = matches(all, W.BIOMETRIC);
  if (biometric.length > 0) {
    const kind = biometric.includes('fingerprint')
      ? '.fingerprint'
      : biometric.some((word) => word.startsWith('retina'))
        ? '.retinal'
        : biometric.includes('voiceprint')
          ? '.voice'
          : '';
    return personal(`user.biometric${kind}`, 'inferred', 'biometric data', biometric, WHY.sensitive);
  }
  return undefined;
};

const child: Rule = (path) => {
  const found = matches(path.all, W.CHILD);
  return found.length > 0 ? personal('user.childrens', 'inferred', 'about their children', found, WHY.child) : undefined;
};

const financial: Rule = (path) => {
  const all = path.all;
  const credit = matches(all, W.CREDIT);
  const creditThing = matches(all, W.CREDIT_THING);
  const card = matches(all, W.CARD);
  if (all.includes('last') && (all.includes('4') || all.includes('four')) && card.length === 0) {
    return personal('user.financial.credit_card', 'observed', 'the last digits of their payment card', ['last', ...matches(all, new Set(['4', 'four']))], WHY.money);
  }
  if (card.length > 0 && matches(all, W.CARD_DETAIL).length > 0 && matches(all, W.NOT_PAYMENT_CARD).length === 0) {
    return personal('user.financial.credit_card', 'observed', 'their payment card', [...card, ...matches(all, W.CARD_DETAIL)], WHY.money);
  }
  if ((credit.length > 0 && creditThing.length > 0) || all.includes('fico') || all.includes('creditworthiness')) {
    return personal('user.financial', 'third_party', 'their credit standing', [...credit, ...creditThing], WHY.credit);
  }
  const income = matches(all, W.INCOME);
  if (all.includes('net') && all.includes('worth')) income.push('net', 'worth');
  if (income.length > 0) return personal('user.financial', 'third_party', 'their income or wealth', income, WHY.income);
  const bank = matches(all, W.BANK);
  if (all.includes('sort') && all.includes('code')) bank.push('sort', 'code');
  if (bank.length > 0) return personal('user.financial.bank_account', 'observed', 'their bank account', bank, WHY.money);
  const loyalty = matches(all, W.LOYALTY).length > 0;
  const debt = matches(all, W.DEBT).filter((word) => word !== 'balance' || !loyalty);
  if (debt.length > 0) return personal('user.financial', 'observed', 'their money: balances, debts or savings', debt, WHY.money);
  if ((all.includes('payment') && all.includes('method')) || all.includes('payout')) {
    return personal('user.payment', 'observed', 'how they pay', matches(all, new Set(['payment', 'method', 'payout'])), WHY.money);
  }
  return undefined;
};

const NAME_OR_CONTACT = new Set([...W.EMAIL, ...W.PHONE, ...W.FAX, 'address', 'number']);

const contactChannel: Rule = (path) => {
  const leaf = path.leaf.words;
  const channel = [...matches(leaf, W.EMAIL), ...matches(leaf, W.PHONE), ...matches(leaf, W.FAX)];
  if (channel.length === 0 || matches(leaf, W.BEHAVIOURS.engagement).length > 0 || matches(leaf, W.BEHAVIOURS.browsing).length > 0) return undefined;
  const owner = ownerOf(path, NAME_OR_CONTACT);
  const company = matches(path.all, W.COMPANY_CONTACT);
  if (company.length > 0 || (owner && ['org', 'staff', 'place'].includes(owner.owner))) {
    return system('system.operations', "your company's contact details", [...company, ...(owner ? [owner.word] : []), ...channel]);
  }
  if (owner?.owner === 'other-person') return personal('user.social', 'observed', 'how to reach someone they know', [owner.word, ...channel], WHY.someoneTheyKnow);
  const category = W.EMAIL.has(channel[0] ?? '') ? 'user.contact.email' : W.FAX.has(channel[0] ?? '') ? 'user.contact.fax_number' : 'user.contact.phone_number';
  const what = category === 'user.contact.email' ? 'their email address' : 'their phone number';
  return personal(category, 'third_party', what, [...(owner ? [owner.word] : []), ...channel], WHY.contact);
};

const device: Rule = (path) => {
  const leaf = path.leaf.words;
  if (leaf[leaf.length - 1] === 'ip' || (leaf.includes('ip') && leaf.includes('address'))) {
    return personal('user.device.ip_address', 'observed', 'their IP address', ['ip'], WHY.device);
  }
  const found = matches(leaf, W.DEVICE).filter((word) => word !== 'agent' || leaf.includes('user'));
  if (leaf.includes('operating') && leaf.includes('system')) found.push('operating', 'system');
  if (found.length === 0) return undefined;
  return personal(found.includes('cookie') ? 'user.device.cookie_id' : 'user.device', 'observed', 'about their device or browser', found, WHY.device);
};

function addressWords(words: readonly string[], withContext: boolean): { words: string[]; part: string | undefined } {
  if (withContext && words.includes('line')) return { words: ['line'], part: 'street' };
  for (const [set, part] of W.ADDRESS_PARTS) {
    const found = matches(words, set).filter((word) => word !== 'state' || withContext);
    if (found.length > 0) return { words: found, part };
  }
  return { words: words.includes('address') ? ['address'] : [], part: undefined };
}

const place: Rule = (path) => {
  const all = path.all;
  const places = matches(all, W.OWNERS.place);
  // Store credit is money in an account, not a place.
  if (places.length === 0 || all.includes('credit')) return undefined;
  const visited = matches(all, W.VISITED);
  if (visited.length > 0) return personal('user.location.precise', 'observed', 'a place they were at', [...visited, ...places], WHY.precise);
  const near = matches(all, W.NEAR);
  if (near.length > 0) return personal('user.location.imprecise', 'inferred', 'a store or venue near them', [...near, ...places], WHY.nearStore);
  const where = [...addressWords(path.leaf.words, true).words, ...matches(all, W.LOCATED_BY), ...matches(all, new Set(['distance']))];
  if (where.length > 0) return personal('user.location.imprecise', 'inferred', 'where a store or venue near them is', [...places, ...where], WHY.nearStore);
  // A hotel in a booking or the store of an order says what they did.
  if (nearestBehaviour(path)) return productReading(path, article(places[0] ?? 'place'), places);
  return system('system.operations', 'your store or venue, as your brand', [...places, ...matches(path.leaf.words, W.NAME)]);
};

const preciseLocation: Rule = (path) => {
  const all = path.all;
  const precise = matches(all, W.PRECISE);
  if (all.includes('location') && matches(all, W.LIVE_LOCATION).length > 0) precise.push(...matches(all, W.LIVE_LOCATION), 'location');
  if (precise.length > 0 && matches(path.leaf.words, W.REGION_PARTS).length === 0) {
    return personal('user.location.precise', 'observed', 'exactly where they are or were', precise, WHY.precise);
  }
  if (path.leaf.words.includes('location')) return personal('user.location', 'observed', 'where they are (how precisely, the words do not say)', ['location'], WHY.precise);
  return undefined;
};

const address: Rule = (path) => {
  const all = path.all;
  const context = matches(all, W.ADDRESS_CONTEXT);
  const owner = ownerOf(path, new Set([...W.ADDRESS_CONTEXT, ...W.REGION_PARTS, 'state', 'street']));
  const { words, part } = addressWords(path.leaf.words, context.length > 0 || owner?.owner === 'person');
  const timezone = matches(path.leaf.words, W.TIMEZONE);
  if (timezone.length > 0) return personal('user.location.imprecise', 'observed', 'roughly where they are', timezone, WHY.device);
  if (words.length === 0) return undefined;
  if (owner && ['org', 'staff'].includes(owner.owner)) return system('system.operations', "your company's address", [owner.word, ...words]);
  const located = matches(all, W.LOCATED_BY);
  if (located.length > 0) return personal('user.location.imprecise', 'observed', 'roughly where they are', [...located, ...words], WHY.region);
  const category = part === undefined ? 'user.contact.address' : `user.contact.address.${part}`;
  if (context.length > 0 || owner?.owner === 'person' || all.includes('address')) {
    return personal(category, 'third_party', 'part of their postal address', [...context, ...(owner?.owner === 'person' ? [owner.word] : []), ...words], WHY.contact);
  }
  if (words.some((word) => W.REGION_PARTS.has(word))) return personal('user.location.imprecise', 'observed', 'roughly where they are', words, WHY.region);
  return personal(category, 'third_party', 'part of their postal address', words, WHY.contact);
};

const record: Rule = (path) => {
  const ids = matches(path.leaf.words, W.ID);
  if (ids.length === 0) return undefined;
  const owner = ownerOf(path, W.ID);
  // A bare `id` is the recipient's own.
  const own = path.parents.length === 0 && path.leaf.words.every((word) => ['id', 'identifier', 'uuid', 'guid'].includes(word));
  if (owner?.owner === 'person' || own) {
    return personal('user.unique_id.pseudonymous', 'observed', 'an identifier your systems gave the person', [...(owner ? [owner.word] : []), ...ids], WHY.pseudonymous);
  }
  const of = owner ? ` for ${article(owner.word)}` : '';
  return system('system.operations', `a number or code your systems make${of}`, [...(owner ? [owner.word] : []), ...ids]);
};

const social: Rule = (path) => {
  const network = matches(path.all, W.SOCIAL_NETWORK);
  if (network.length > 0) return personal('user.social', 'third_party', 'their social-network profile', network, WHY.social);
  const known = matches(path.all, W.SOCIAL);
  if (known.length > 0) return personal('user.social', 'observed', 'about someone they know', known, WHY.someoneTheyKnow);
  return undefined;
};

const name: Rule = (path) => {
  const leaf = path.leaf.words;
  const usernames = matches(leaf, new Set(['username', 'handle']));
  if ((leaf.includes('screen') || leaf.includes('login')) && leaf.includes('name')) usernames.push(leaf.includes('screen') ? 'screen' : 'login', 'name');
  if (usernames.length > 0) return personal('user.account.username', 'third_party', 'their username', usernames, 'usernames and handles are often taken from a social sign-in');
  const names = matches(leaf, W.NAME);
  if (names.length === 0) return undefined;
  const parts = matches(leaf, W.NAME_PARTS);
  const owner = ownerOf(path, W.NAME_PARTS);
  const company = matches(leaf, W.COMPANY_CONTACT);
  if (company.length > 0) return system('system.operations', 'the name your emails come from', [...company, ...names]);
  switch (owner?.owner) {
    case 'other-person':
      return personal('user.social', 'observed', 'the name of someone they know', [owner.word, ...names], WHY.someoneTheyKnow);
    case 'staff':
      return system('system.operations', 'the name of someone on your staff', [owner.word, ...names]);
    case 'org': {
      const person = path.parents.flatMap((segment) => matches(segment.words, W.OWNERS.person));
      if (person.length > 0) return personal('user.contact.organization', 'third_party', 'the company they work for', [...person, owner.word, ...names], WHY.work);
      return system('system.operations', 'a company or brand name, not a person', [owner.word, ...names]);
    }
    case 'place':
      return system('system.operations', 'the name of a store or venue', [owner.word, ...names]);
    default:
      break;
  }
  // A first or last name is a person's, even on an order (`order.first_name`).
  const person = owner?.owner === 'person' ? [owner.word] : [];
  if (matches(parts, W.FIRST).length > 0) return personal('user.name.first', 'third_party', "a person's first name", [...person, ...parts], WHY.contact);
  if (matches(parts, W.LAST).length > 0) return personal('user.name.last', 'third_party', "a person's last name", [...person, ...parts], WHY.contact);
  const thing = path.parents[0]?.words.filter((word) => !W.FILLER.has(word)) ?? [];
  const others = leaf.filter((word) => !W.NAME_PARTS.has(word) && !W.FILLER.has(word) && !/^[0-9]+$/u.test(word));
  // Behind a segment it cannot read (`orders[].fromCollective.name`), an owner further out says nothing about this name;
  // nor does one around a leaf that says what it names (`customer.plan_name`).
  const near = owner !== undefined && (owner.at === 0 || (others.length === 0 && (owner.at === 1 || thing.some((word) => ownerOfWord(word) !== undefined))));
  if (near && owner.owner === 'product') return productReading(path, `the name of ${article(owner.word)} (not a person)`, [owner.word, ...names]);
  if (near && owner.owner === 'behaviour') return productReading(path, 'the name of a product (not a person)', names);
  // A person further out is still the careful reading of a bare name.
  if (owner?.owner === 'person' && (near || others.length === 0)) return personal('user.name', 'third_party', "a person's name", [...person, ...parts], WHY.contact);
  const named = others.length > 0 ? others : thing;
  if (named.length > 0) {
    // `plan_name` is the name of a plan: read what the other words say; an unknown thing's name stays personal data.
    const alone = { words: named, list: path.leaf.list };
    const of = read({ segments: [alone], leaf: alone, parents: [], all: named });
    if (of.category !== 'user') return { ...of, what: `the "${named.join(' ')}" name, read as ${of.what}`, words: [...of.words, ...names] };
    const text = named.join(' ');
    return personal(
      'user',
      'observed',
      `the name of ${article(text).replace(text, `"${text}"`)} (creeplint does not know the word): personal data of an unknown kind`,
      [...named, ...names],
      WHY.unknown,
    );
  }
  return personal('user.name', 'third_party', "a person's name", parts, WHY.contact);
};

const TRAITS: readonly Trait[] = [
  [W.BIRTH, 'user.demographic.date_of_birth', 'third_party', 'their date of birth', WHY.birth],
  [W.AGE, 'user.demographic.age_range', 'inferred', 'their age', WHY.guessedTrait],
  [W.MARITAL, 'user.demographic.marital_status', 'inferred', 'their marital status', WHY.guessedTrait],
  [W.LANGUAGE, 'user.demographic.language', 'observed', 'their language', WHY.language],
  [W.NATIONALITY, 'user.demographic', 'inferred', 'their nationality', WHY.guessedTrait],
  [W.JOB, 'user.job_title', 'third_party', 'their job', WHY.work],
  [W.WORKPLACE, 'user.workplace', 'third_party', 'where they work', WHY.work],
];

const demographic: Rule = (path) => {
  const all = path.all;
  const leaf = path.leaf.words;
  const owner = ownerOf(path, new Set([...W.GENDER, ...W.ORGANISATION, 'title']));
  const gender = matches(all, W.GENDER);
  if (leaf.includes('title') && owner?.owner === 'person') gender.push('title');
  if (gender.length > 0) return personal('user.demographic.gender', 'inferred', 'their gender', gender, WHY.guessedTrait);
  const trait = firstTrait(all, TRAITS);
  if (trait) return trait;
  const organisation = matches(leaf, W.ORGANISATION);
  if (organisation.length > 0 && owner?.owner === 'person')
    return personal('user.contact.organization', 'third_party', 'the company they work for', [owner.word, ...organisation], WHY.work);
  return undefined;
};

const account: Rule = (path) => {
  const all = path.all;
  const found = matches(all, W.ACCOUNT);
  if (all.includes('balance') && matches(all, W.LOYALTY).length > 0) found.push(...matches(all, W.LOYALTY), 'balance');
  if (found.length === 0) return undefined;
  // `order.voucher_discount.amount` is about the order: the nearer word decides.
  const behaviourAt = distance(path, (word) => behaviourOfWord(word) !== undefined);
  if (behaviourAt < distance(path, (word) => found.includes(word))) return undefined;
  const category = found.includes('setting') ? 'user.account.settings' : 'user.account';
  return personal(category, 'observed', 'about their account with you (plan, points, renewal)', found, WHY.account);
};

const content: Rule = (path) => {
  const found = matches(path.leaf.words, W.CONTENT);
  if (found.length === 0) return undefined;
  const systemWords = matches(path.all, W.SYSTEM_CONTEXT);
  if (systemWords.length > 0) return system('system.operations', 'a message your systems write', [...systemWords, ...found]);
  const privately = matches(path.all, W.PRIVATE);
  return personal(privately.length > 0 ? 'user.content.private' : 'user.content', 'observed', 'words a person wrote', [...privately, ...found], WHY.content);
};

const behaviour: Rule = (path) => {
  const found = nearestBehaviour(path);
  if (!found) return undefined;
  const reading = BEHAVIOUR_READINGS[found.behaviour];
  return personal(reading.category, reading.source, reading.what, [found.word], reading.why);
};

const product: Rule = (path) => {
  const owner = ownerOf(path, new Set());
  return owner?.owner === 'product' ? productReading(path, article(owner.word), [owner.word]) : undefined;
};

const inferredOnly: Rule = (path) => {
  const found = matches(path.all, W.INFERRED);
  if (found.length === 0) return undefined;
  const behaviourWords = matches(path.all, W.INFERRED_BEHAVIOUR);
  if (behaviourWords.length > 0) return personal('user.behavior', 'inferred', 'a prediction about what they will do', [...found, ...behaviourWords], WHY.recommendation);
  return personal('user.demographic.profile', 'inferred', 'a profile or segment made about them', found, 'segments, scores and predictions are derived by a model or rule');
};

const copy: Rule = (path) => {
  const found = matches(path.leaf.words, W.COPY);
  if (found.length > 0) return system('system.operations', 'copy or settings the sender writes, the same for every reader', found);
  const owner = ownerOf(path, new Set());
  // Another company's data about the reader's employer is about the reader.
  if (owner && ['org', 'staff'].includes(owner.owner) && matches(path.all, W.THIRD_PARTY).length === 0)
    return system('system.operations', `about ${owner.owner === 'org' ? 'your company' : 'your staff'}, not the reader`, [owner.word]);
  return undefined;
};

/** In order: the first rule that reads the path decides. Links and secrets first, then the most sensitive readings. */
const RULES: readonly Rule[] = [
  link,
  secret,
  credential,
  governmentId,
  specialCategory,
  child,
  financial,
  contactChannel,
  device,
  place,
  preciseLocation,
  address,
  record,
  social,
  name,
  demographic,
  account,
  content,
  behaviour,
  product,
  inferredOnly,
  copy,
];
