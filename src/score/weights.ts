/**
 * Every number the score uses, with where it comes from. docs/scoring.md explains the
 * formula; change a weight here and there together.
 */
import type { Placement, Source } from '../model/vocabulary.js';
import { isWithin } from '../model/categories.js';

/**
 * How sensitive people find each kind of data, 0–1. Anchors are the shares of US adults
 * calling a kind of information "very sensitive" in Pew Research Center, "Public
 * Perceptions of Privacy and Security in the Post-Snowden Era" (Nov 2014): social
 * security number 90 %, health and medicines 55 %, content of email 52 %, physical
 * location over time 50 %; media tastes and purchasing habits were among the least
 * sensitive. Other values are placed between those anchors by analogy and are marked so.
 * Longest matching prefix wins.
 */
export const CATEGORY_SENSITIVITY: ReadonlyArray<readonly [prefix: string, sensitivity: number, basis: string]> = [
  ['system', 0, 'not personal data'],
  ['user', 0.3, 'default for personal data: between purchasing habits and birth date (analogy)'],
  ['user.name.first', 0.05, 'the name people give to be addressed by (analogy: lowest)'],
  ['user.name', 0.15, 'full name (analogy)'],
  ['user.contact', 0.3, 'contact details (analogy)'],
  ['user.contact.email', 0.2, 'the address the email is sent to (analogy)'],
  ['user.contact.address', 0.4, 'home address (analogy, below location over time)'],
  ['user.contact.address.city', 0.2, 'city only (analogy)'],
  ['user.contact.address.country', 0.1, 'country only (analogy)'],
  ['user.contact.phone_number', 0.4, 'phone number (analogy)'],
  ['user.account', 0.15, 'account settings (analogy)'],
  ['user.authorization', 0.9, 'credentials: as sensitive as a social security number (Pew 90 %)'],
  ['user.behavior', 0.3, 'behaviour in general (analogy)'],
  ['user.behavior.purchase_history', 0.15, 'purchasing habits: among the least sensitive (Pew 2014)'],
  ['user.behavior.media_consumption', 0.15, 'media tastes: among the least sensitive (Pew 2014)'],
  ['user.behavior.browsing_history', 0.45, 'websites visited: close to location over time (analogy)'],
  ['user.behavior.search_history', 0.5, 'search terms: like the content of email (Pew 52 %, analogy)'],
  ['user.biometric', 0.9, 'biometric identifiers (analogy with government ids)'],
  ['user.childrens', 0.7, "children's data: specially protected (COPPA, GDPR Art. 8)"],
  ['user.content', 0.4, 'user content (analogy)'],
  ['user.content.private', 0.52, 'private messages: content of email (Pew 52 %)'],
  ['user.demographic', 0.3, 'demographics (analogy)'],
  ['user.demographic.date_of_birth', 0.3, 'birth date (analogy)'],
  ['user.demographic.age_range', 0.2, 'age range (analogy)'],
  ['user.demographic.gender', 0.3, 'gender (analogy)'],
  ['user.demographic.language', 0.05, 'language (analogy)'],
  ['user.demographic.marital_status', 0.4, 'relationship status (analogy)'],
  ['user.demographic.political_opinion', 0.55, 'special category; at least as sensitive as health (analogy)'],
  ['user.demographic.race_ethnicity', 0.55, 'special category (analogy with health)'],
  ['user.demographic.religious_belief', 0.55, 'special category (analogy with health)'],
  ['user.demographic.sexual_orientation', 0.6, 'special category (analogy with health)'],
  ['user.location', 0.4, 'location (analogy)'],
  ['user.location.imprecise', 0.2, 'city-level location (analogy)'],
  ['user.location.precise', 0.5, 'physical location over time (Pew 50 %)'],
  ['user.device', 0.3, 'device identifiers (analogy)'],
  ['user.financial', 0.75, 'financial accounts (analogy, between location and social security number)'],
  ['user.payment', 0.6, 'payment details (analogy)'],
  ['user.government_id', 0.9, 'government identifiers: social security number (Pew 90 %)'],
  ['user.health_and_medical', 0.55, 'state of health and medicines (Pew 55 %)'],
  ['user.criminal_history', 0.7, 'criminal records (analogy)'],
  ['user.unique_id', 0.1, 'pseudonymous identifiers (analogy)'],
  ['user.telemetry', 0.3, 'telemetry (analogy)'],
  ['user.sensor', 0.4, 'sensor data (analogy)'],
  ['user.user_sensor', 0.4, 'sensor data (analogy)'],
  ['user.social', 0.3, 'social graph (analogy)'],
  ['user.workplace', 0.2, 'workplace (analogy)'],
  ['user.job_title', 0.1, 'job title (analogy)'],
  ['user.privacy_preferences', 0.1, 'privacy preferences (analogy)'],
];

export function builtInSensitivity(category: string): number {
  let best: readonly [string, number, string] | undefined;
  for (const entry of CATEGORY_SENSITIVITY) {
    if (isWithin(category, entry[0]) && (!best || entry[0].length > best[0].length)) best = entry;
  }
  return best?.[1] ?? 0.3;
}

/**
 * How much the way data was obtained adds to the sense of intrusion. Declared data is
 * expected (Kim, Barasz & John 2019, J. Consumer Research: ads using information the
 * person disclosed were accepted, those using inferred or third-party information were
 * not); observed tracking is widely rejected (Turow et al. 2009, "Americans Reject
 * Tailored Advertising": 66 % do not want tailored ads, rising to 84–86 % once told it
 * comes from tracking across sites and stores); inference and third-party sharing rank
 * worse than first-party observation in Kim et al.
 */
export const SOURCE_FACTOR: Readonly<Record<Source, number>> = {
  system: 0,
  declared: 0,
  observed: 1,
  inferred: 1.4,
  third_party: 1.6,
};

/**
 * How exposed a value is where it lands: subject and preheader show on lock screens
 * and shared inboxes before the email is opened; body text is read by the recipient;
 * URLs travel to trackers and logs but are rarely read; hidden text and conditions are
 * not seen, yet conditions still reveal the value by what they show.
 */
export const PLACEMENT_VISIBILITY: Readonly<Record<Placement, number>> = {
  subject: 1.5,
  preheader: 1.4,
  body: 1,
  'link-url': 0.8,
  'image-url': 0.8,
  attribute: 0.7,
  condition: 0.7,
  hidden: 0.5,
};

/**
 * A condition on special-category or sensitive data reveals it as surely as printing it
 * ("{{#if expecting}}Baby offers{{/if}}"), so those rules weigh a condition like body text.
 */
export const REVEALING_CONDITION_VISIBILITY = 1;

/** Base weight per rule, before sensitivity, source and visibility (docs/scoring.md). */
export const RULE_WEIGHTS = {
  'no-undeclared-source': 40,
  /** Special-category data used without purpose and consent (GDPR Art. 9 breach). */
  'no-special-category': 60,
  /** Used with consent: still exposed on screens and to others. */
  'no-special-category-consented': 30,
  /** Not declared by the person: an inference about their health or beliefs is the creepy email on its own (docs/judgement.md). */
  'no-special-category-inferred': 75,
  'no-unconsented-field': 25,
  'no-purpose-mismatch': 25,
  'require-consent': 20,
  'no-unknown-field': 10,
  'no-personal-data-in-url': 10,
  'no-personal-data-in-subject': 12,
  'no-sensitive-data': 30,
  'require-fallback': 4,
  'no-exact-timing': 15,
  'no-data-mosaic': 6,
  /** Copy that says the reader was watched; ×1.5 next to undeclared data. */
  'no-surveillance-phrasing': 12,
  /** Copy that reveals a special category by implication, like printing it. */
  'no-sensitive-implication': 45,
  /** A recipient's value that names a special category ("home HIV test"): as revealing as such copy, weighed by where it shows. */
  'no-revealing-value': 45,
  /** No way out of a consent-based email. */
  'require-unsubscribe-link': 15,
  'require-preferences-link': 5,
  /** Undeclared data with no explanation of why the reader got the email. */
  'require-explanation': 5,
} as const;

/**
 * One intrusion counts once: each further field of the same record or list (a
 * prescription's refill date beside its name, a list's items beside the list) adds this
 * share of its weight. Repeating the same field adds nothing. (A judgement: enough that
 * more detail never lowers the score, small enough that one disclosure is one.)
 */
export const DETAIL_SHARE = 0.2;

/**
 * An explanation of why the reader got the email ("You're receiving this because you
 * turned on recommendations") takes this share off the weight of the undeclared-data
 * findings it covers. Aguirre et al. (2015) found that overt collection with an
 * explanation reduced the feeling of vulnerability that covert collection caused; Kim,
 * Barasz & John (2019) that transparency helps when the information flow is one people
 * accept. A share rather than fixed points, so that adding data to an explained email
 * never lowers its score.
 */
export const EXPLANATION_SHARE = 0.25;

/** The mosaic: each distinct personal detail beyond this many adds points (Acquisti & Gross 2009 on re-identification from combined details; docs/judgement.md). */
export const MOSAIC_FREE_DETAILS = 2;
/** Location, an exact time and behaviour together: the "we know where you were" message. */
export const MOSAIC_TRIAD_POINTS = 20;
/** Extra points for each trait the person never gave (inferred or third party) beyond the first in one message. */
export const MOSAIC_INFERRED_POINTS = 8;

export const BAND_FLOORS = { helpful: 0, familiar: 25, intrusive: 50, creepy: 75 } as const;
