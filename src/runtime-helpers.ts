import { validateProfile } from './load/profile.js';
import { consentState, type Profile } from './model/profile.js';
import type { ConsentData } from './template/handlebars/runtime-helpers.js';

/**
 * What a sender needs to render with creeplint's helpers in their own Handlebars: the
 * helpers themselves (template/handlebars/runtime-helpers.ts, where the tracing render
 * also finds them) and the render options that give `ifConsent` a recipient's consent.
 */
export { registerCreeplintHelpers, ifConsent, fallback, RUNTIME_HELPER_NAMES, type ConsentData } from './template/handlebars/runtime-helpers.js';

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
