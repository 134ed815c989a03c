/**
 * The built-in data-category taxonomy. Keys follow fideslang's data categories
 * (ethyca/fideslang, CC-BY 4.0). `special` marks GDPR Art. 9 special categories and
 * Art. 10 criminal records: the data the law protects most.
 */
import type { Preset } from './settings.js';

const FIDESLANG_KEYS = [
  'user',
  'user.account',
  'user.account.settings',
  'user.account.username',
  'user.authorization',
  'user.authorization.credentials',
  'user.authorization.biometric',
  'user.authorization.password',
  'user.behavior',
  'user.behavior.browsing_history',
  'user.behavior.media_consumption',
  'user.behavior.purchase_history',
  'user.behavior.search_history',
  'user.biometric',
  'user.biometric.fingerprint',
  'user.biometric.retinal',
  'user.biometric.voice',
  'user.biometric.health',
  'user.childrens',
  'user.contact',
  'user.contact.address',
  'user.contact.address.city',
  'user.contact.address.country',
  'user.contact.address.postal_code',
  'user.contact.address.state',
  'user.contact.address.street',
  'user.contact.email',
  'user.contact.phone_number',
  'user.contact.url',
  'user.contact.fax_number',
  'user.contact.organization',
  'user.content',
  'user.content.private',
  'user.content.public',
  'user.content.self_image',
  'user.demographic',
  'user.demographic.age_range',
  'user.demographic.date_of_birth',
  'user.demographic.gender',
  'user.demographic.language',
  'user.demographic.marital_status',
  'user.demographic.political_opinion',
  'user.demographic.profile',
  'user.demographic.race_ethnicity',
  'user.demographic.religious_belief',
  'user.demographic.sexual_orientation',
  'user.location',
  'user.location.imprecise',
  'user.location.precise',
  'user.device',
  'user.device.cookie',
  'user.device.cookie_id',
  'user.device.device_id',
  'user.device.ip_address',
  'user.payment',
  'user.social',
  'user.unique_id',
  'user.unique_id.pseudonymous',
  'user.telemetry',
  'user.user_sensor',
  'user.workplace',
  'user.sensor',
  'user.financial',
  'user.financial.bank_account',
  'user.financial.credit_card',
  'user.government_id',
  'user.government_id.birth_certificate',
  'user.government_id.drivers_license_number',
  'user.government_id.immigration',
  'user.government_id.national_identification_number',
  'user.government_id.passport_number',
  'user.government_id.vehicle_registration',
  'user.health_and_medical',
  'user.health_and_medical.genetic',
  'user.health_and_medical.insurance_beneficiary_id',
  'user.health_and_medical.record_id',
  'user.name',
  'user.name.first',
  'user.name.last',
  'user.criminal_history',
  'user.privacy_preferences',
  'user.job_title',
  'system',
  'system.authentication',
  'system.operations',
] as const;

/** Prefixes whose categories are special under GDPR Art. 9 and 10. */
const GDPR_SPECIAL_PREFIXES = [
  'user.health_and_medical',
  'user.biometric',
  'user.authorization.biometric',
  'user.demographic.political_opinion',
  'user.demographic.race_ethnicity',
  'user.demographic.religious_belief',
  'user.demographic.sexual_orientation',
  'user.criminal_history',
] as const;

export const BUILT_IN_CATEGORY_KEYS: readonly string[] = FIDESLANG_KEYS;

export function isWithin(key: string, prefix: string): boolean {
  return key === prefix || key.startsWith(`${prefix}.`);
}

/**
 * Regional presets widen the special categories: California's CPRA "sensitive personal
 * information" adds precise geolocation, government ids, financial account data and
 * message contents (Cal. Civ. Code § 1798.140(ae)); Saudi Arabia's PDPL adds credit data
 * (PDPL Art. 1(11)).
 */
const PRESET_SPECIAL_PREFIXES: Readonly<Record<Preset, readonly string[]>> = {
  gdpr: [],
  cpra: ['user.location.precise', 'user.government_id', 'user.financial', 'user.payment', 'user.content.private', 'user.authorization'],
  'pdpl-sa': ['user.financial'],
};

export function isBuiltInSpecial(key: string, preset: Preset = 'gdpr'): boolean {
  return [...GDPR_SPECIAL_PREFIXES, ...PRESET_SPECIAL_PREFIXES[preset]].some((prefix) => isWithin(key, prefix));
}

/** Categories a data map adds or overrides (`categories:` in the data map). */
export interface CustomCategory {
  sensitivity?: number | undefined;
  special?: boolean | undefined;
}

export type CategoryLookup = { kind: 'known'; key: string } | { kind: 'parent'; key: string; requested: string } | { kind: 'unknown-root'; requested: string };

/**
 * Resolve a category key against the built-in taxonomy plus the data map's own
 * categories: exact match, else the nearest known parent, else an unknown root.
 */
export function lookupCategory(requested: string, custom: ReadonlyMap<string, CustomCategory>): CategoryLookup {
  const known = (key: string): boolean => custom.has(key) || BUILT_IN_CATEGORY_KEYS.includes(key);
  if (known(requested)) return { kind: 'known', key: requested };
  const parts = requested.split('.');
  for (let length = parts.length - 1; length >= 1; length -= 1) {
    const parent = parts.slice(0, length).join('.');
    if (known(parent)) return { kind: 'parent', key: parent, requested };
  }
  return { kind: 'unknown-root', requested };
}
