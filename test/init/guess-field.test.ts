import { describe, expect, it } from 'vitest';
import { guessField } from '../../src/init/guess-field.js';
import { pathWords } from '../../src/init/path-words.js';
import { KNOWN } from '../../src/init/guess-words.js';

type Expected = readonly [category: string, source: string, purposes: 'none' | 'every', role?: string];

/** Every case: the exact category, source, purposes and role `creeplint init` guesses from the path alone. */
const CASES: Readonly<Record<string, Expected>> = {
  // A person's name, however it is written.
  first_name: ['user.name.first', 'third_party', 'none'],
  'customer.first_name': ['user.name.first', 'third_party', 'none'],
  'user.firstName': ['user.name.first', 'third_party', 'none'],
  'contact.given_name': ['user.name.first', 'third_party', 'none'],
  FIRST_NAME: ['user.name.first', 'third_party', 'none'],
  'first-name': ['user.name.first', 'third_party', 'none'],
  firstname: ['user.name.first', 'third_party', 'none'],
  $first_name: ['user.name.first', 'third_party', 'none'],
  '${first_name}': ['user.name.first', 'third_party', 'none'],
  'billing.last_name': ['user.name.last', 'third_party', 'none'],
  'order.customer.first_name': ['user.name.first', 'third_party', 'none'],
  'customer.name': ['user.name', 'third_party', 'none'],
  // Names that are not a person's.
  product_name: ['user.behavior.browsing_history', 'observed', 'none'],
  'recommended[].name': ['user.behavior.purchase_history', 'inferred', 'none'],
  'order.items[].name': ['user.behavior.purchase_history', 'observed', 'none'],
  'recently_viewed[].name': ['user.behavior.browsing_history', 'observed', 'none'],
  'cart[].name': ['user.behavior.purchase_history', 'observed', 'none'],
  'store.name': ['system.operations', 'system', 'none'],
  brand_name: ['system.operations', 'system', 'none'],
  'company.name': ['system.operations', 'system', 'none'],
  'customer.company.name': ['user.contact.organization', 'third_party', 'none'],
  'agent.name': ['system.operations', 'system', 'none'],
  friend_name: ['user.social', 'observed', 'none'],
  plan_name: ['user.account', 'observed', 'none'],
  'collective.name': ['user', 'observed', 'none'],
  // Lists of what someone did are behaviour.
  'recently_viewed[]': ['user.behavior.browsing_history', 'observed', 'none'],
  'order.items': ['user.behavior.purchase_history', 'observed', 'none'],
  purchases: ['user.behavior.purchase_history', 'observed', 'none'],
  'order.items[].price': ['user.behavior.purchase_history', 'observed', 'none'],
  basket: ['user.behavior.purchase_history', 'observed', 'none'],
  search_terms: ['user.behavior.search_history', 'observed', 'none'],
  last_viewed_product: ['user.behavior.browsing_history', 'observed', 'none'],
  // Location, by context.
  city: ['user.location.imprecise', 'observed', 'none'],
  'billing.city': ['user.contact.address.city', 'third_party', 'none'],
  'shipping_address.city': ['user.contact.address.city', 'third_party', 'none'],
  'store.city': ['user.location.imprecise', 'inferred', 'none'],
  'company.address': ['system.operations', 'system', 'none'],
  'geo.city': ['user.location.imprecise', 'observed', 'none'],
  lat: ['user.location.precise', 'observed', 'none'],
  'geo.lng': ['user.location.precise', 'observed', 'none'],
  geo_location: ['user.location.precise', 'observed', 'none'],
  last_seen_location: ['user.location.precise', 'observed', 'none'],
  last_store_visit_at: ['user.location.precise', 'observed', 'none'],
  nearest_store: ['user.location.imprecise', 'inferred', 'none'],
  // Special and sensitive categories.
  diagnosis: ['user.health_and_medical', 'inferred', 'none'],
  medical_condition: ['user.health_and_medical', 'inferred', 'none'],
  prescription: ['user.health_and_medical', 'inferred', 'none'],
  is_pregnant: ['user.health_and_medical', 'inferred', 'none'],
  baby_due_date: ['user.health_and_medical', 'inferred', 'none'],
  due_date: ['user.account', 'observed', 'none'],
  'product.condition': ['user.behavior.browsing_history', 'observed', 'none'],
  'kids[].first_name': ['user.childrens', 'inferred', 'none'],
  religion: ['user.demographic.religious_belief', 'inferred', 'none'],
  credit_score: ['user.financial', 'third_party', 'none'],
  debt: ['user.financial', 'observed', 'none'],
  overdraft: ['user.financial', 'observed', 'none'],
  loyalty_points_balance: ['user.account', 'observed', 'none'],
  passport_number: ['user.government_id.passport_number', 'third_party', 'none'],
  // The source follows the words: modelled, bought.
  predicted_churn: ['user.behavior', 'inferred', 'none'],
  affinity_segment: ['user.demographic.profile', 'inferred', 'none'],
  loyalty_tier: ['user.account', 'inferred', 'none'],
  partner_income_band: ['user.financial', 'third_party', 'none'],
  enriched_job_title: ['user.job_title', 'third_party', 'none'],
  appended_age: ['user.demographic.age_range', 'third_party', 'none'],
  // Contact details and the company's own.
  email: ['user.contact.email', 'third_party', 'none'],
  'user.emailAddress': ['user.contact.email', 'third_party', 'none'],
  support_email: ['system.operations', 'system', 'none'],
  date_of_birth: ['user.demographic.date_of_birth', 'third_party', 'none'],
  // Links the company owns, with their roles.
  unsubscribe_url: ['system.operations', 'system', 'every', 'unsubscribe'],
  'links.unsubscribe': ['system.operations', 'system', 'every', 'unsubscribe'],
  manage_preferences_link: ['system.operations', 'system', 'every', 'preferences'],
  emailPreferencesUrl: ['system.operations', 'system', 'every', 'preferences'],
  unsubscribe_preferences_url: ['system.operations', 'system', 'every', 'preferences'],
  privacy_policy_url: ['system.operations', 'system', 'every', 'privacy-notice'],
  privacy_notice: ['system.operations', 'system', 'every', 'privacy-notice'],
  preference_center: ['system.operations', 'system', 'every', 'preferences'],
  'preferences.newsletter': ['user.privacy_preferences', 'observed', 'none'],
  privacy_consent: ['user.privacy_preferences', 'observed', 'none'],
  view_in_browser_url: ['system.operations', 'system', 'every'],
  logo_url: ['system.operations', 'system', 'every'],
  avatar_url: ['user.content.self_image', 'third_party', 'none'],
  'recommended[].image_url': ['user.behavior.purchase_history', 'inferred', 'none'],
  // Numbers and codes.
  order_number: ['system.operations', 'system', 'none'],
  'order.id': ['system.operations', 'system', 'none'],
  tracking_number: ['system.operations', 'system', 'none'],
  verification_code: ['system.authentication', 'system', 'none'],
  customer_id: ['user.unique_id.pseudonymous', 'observed', 'none'],
  ip_address: ['user.device.ip_address', 'observed', 'none'],
  // Nothing to go on: personal data of an unknown kind, observed (never declared).
  xyzzy: ['user', 'observed', 'none'],
};

describe('init guesses a field from the words of its whole path', () => {
  for (const [path, [category, source, purposes, role]] of Object.entries(CASES)) {
    it(`${path} → ${category}, ${source}${role ? `, role ${role}` : ''}`, () => {
      const guess = guessField(path);
      expect({ category: guess.category, source: guess.source, purposes: guess.purposes, role: guess.role }).toEqual({ category, source, purposes, role });
    });
  }

  it('covers at least 25 paths', () => {
    expect(Object.keys(CASES).length).toBeGreaterThanOrEqual(25);
  });

  it('never guesses declared for anything but a secret only the person sets', () => {
    const declared = Object.keys(CASES).filter((path) => guessField(path).source === 'declared');
    expect(declared).toEqual([]);
    expect(guessField('password').source).toBe('declared');
  });

  it('gives purposes only to links the company owns, and roles only to system links', () => {
    for (const path of Object.keys(CASES)) {
      const guess = guessField(path);
      if (guess.purposes === 'every') expect([guess.source, guess.category]).toEqual(['system', 'system.operations']);
      if (guess.role !== undefined) expect(guess.purposes).toBe('every');
    }
  });

  it('says what it took the field to be, and from which words', () => {
    expect(guessField('recommended[].name')).toMatchObject({ what: 'the name of a product (not a person) in a list of recommendations', words: ['recommended', 'name'] });
    expect(guessField('first_name')).toMatchObject({ what: "a person's first name", words: ['first', 'name'] });
    expect(guessField('predicted_pregnancy')).toMatchObject({ words: ['pregnancy', 'predicted'], why: expect.stringContaining('"predicted"') as unknown });
    expect(guessField('partner_income_band').why).toContain('"partner" say it came from another company');
    expect(guessField('xyzzy').what).toBe('no word says what it is: personal data of an unknown kind');
  });
});

describe('paths as words', () => {
  const known = (word: string): boolean => KNOWN.has(word);
  it.each([
    ['user.firstName', ['user', 'first', 'name']],
    ['FIRST_NAME', ['first', 'name']],
    ['first-name', ['first', 'name']],
    ['${first_name}', ['first', 'name']],
    ['unsubscribeurl', ['unsubscribe', 'url']],
    ['recentlyViewed[].productName', ['recently', 'viewed', 'product', 'name']],
    ['address01', ['address', '01']],
    ['clientIP', ['client', 'ip']],
    ['URLPath', ['url', 'path']],
    ['items', ['item']],
    ['allergies', ['allergy']],
  ])('%s reads as %j', (path, words) => {
    expect(pathWords(path, known).all).toEqual(words);
  });

  it('knows which segments are lists and reads the leaf last', () => {
    const words = pathWords('order.items[].name', known);
    expect(words.segments).toEqual([
      { words: ['order'], list: false },
      { words: ['item'], list: true },
      { words: ['name'], list: false },
    ]);
    expect(words.parents.map((segment) => segment.words)).toEqual([['item'], ['order']]);
  });
});
