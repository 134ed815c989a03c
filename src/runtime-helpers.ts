import type Handlebars from 'handlebars';
import { validateProfile } from './load/profile.js';
import { consentState, type Profile } from './model/profile.js';

/**
 * Helpers for senders to register with their own Handlebars, so templates can be safe by
 * construction:
 *
 *   {{#ifConsent "personalisation"}}Back in stock: {{last_viewed_product}}{{else}}New this week{{/ifConsent}}
 *   Hi {{fallback first_name "there"}},
 *
 * `ifConsent` renders its block only when the recipient's consent for the purpose holds;
 * it reads the consent from the render's data (`renderOptionsFor(profile)`). creeplint's
 * linter understands both helpers.
 */
export const RUNTIME_HELPER_NAMES = ['ifConsent', 'fallback'] as const;

type HandlebarsLike = Pick<typeof Handlebars, 'registerHelper'>;

/** Consent states for a render, as `ifConsent` reads them from `@consent`. */
export interface ConsentData {
  consent: Readonly<Record<string, boolean>>;
}

export function registerCreeplintHelpers(handlebars: HandlebarsLike): void {
  handlebars.registerHelper('ifConsent', ifConsent as Handlebars.HelperDelegate);
  handlebars.registerHelper('fallback', fallback as Handlebars.HelperDelegate);
}

/**
 * The runtime options to render one recipient's email with: `template(profile.data, renderOptionsFor(profile))`.
 * The profile is as a profile file holds it (`JSON.parse(text)`) or already loaded; an
 * invalid one is an InputError that says what is wrong.
 */
export function renderOptionsFor(given: Profile | object, now: Date = new Date()): { data: ConsentData } {
  const profile = validateProfile(given, { file: 'profile' });
  const consent: Record<string, boolean> = Object.create(null) as Record<string, boolean>;
  for (const purpose of profile.consent.keys()) consent[purpose] = consentState(profile, purpose, now) === 'granted';
  return { data: { consent } };
}

export function ifConsent(this: unknown, purpose: unknown, options: Handlebars.HelperOptions): string {
  const consent = (options.data as Partial<ConsentData> | undefined)?.consent;
  const granted = typeof purpose === 'string' && consent !== undefined && Object.hasOwn(consent, purpose) && consent[purpose] === true;
  return granted ? options.fn(this) : options.inverse(this);
}

export function fallback(value: unknown, alternative: unknown): unknown {
  const empty = value == null || value === '' || (Array.isArray(value) && value.length === 0);
  return empty ? alternative : value;
}
