import { invalidMjml } from './invalid-mjml.js';
import { invalidRecipient } from './invalid-recipient.js';
import { noDataMosaic } from './no-data-mosaic.js';
import { noExactTiming } from './no-exact-timing.js';
import { noRevealingValue } from './no-revealing-value.js';
import { noSensitiveImplication } from './no-sensitive-implication.js';
import { noSurveillancePhrasing } from './no-surveillance-phrasing.js';
import { requireExplanation } from './require-explanation.js';
import { requirePreferencesLink } from './require-preferences-link.js';
import { requireUnsubscribeLink } from './require-unsubscribe-link.js';
import { noInvalidSuppression } from './no-invalid-suppression.js';
import { noMissingPartial } from './no-missing-partial.js';
import { noPersonalDataInSubject } from './no-personal-data-in-subject.js';
import { noPersonalDataInUrl } from './no-personal-data-in-url.js';
import { noPurposeMismatch } from './no-purpose-mismatch.js';
import { noSensitiveData } from './no-sensitive-data.js';
import { noSpecialCategory } from './no-special-category.js';
import { noUnconsentedField } from './no-unconsented-field.js';
import { noUndeclaredSource } from './no-undeclared-source.js';
import { noUnknownField } from './no-unknown-field.js';
import { noUnknownHelper } from './no-unknown-helper.js';
import { noUnusedSuppression } from './no-unused-suppression.js';
import { parseError } from './parse-error.js';
import { renderError } from './render-error.js';
import { requireConsent } from './require-consent.js';
import { requireFallback } from './require-fallback.js';
import { requirePurpose } from './require-purpose.js';
import type { Rule } from './rule.js';

/** Every rule, in the order their findings are listed for the same position. */
export const RULES: readonly Rule[] = [
  parseError,
  invalidMjml,
  renderError,
  invalidRecipient,
  noMissingPartial,
  requirePurpose,
  requireConsent,
  noUnconsentedField,
  noPurposeMismatch,
  noUnknownField,
  noSpecialCategory,
  noUndeclaredSource,
  noPersonalDataInSubject,
  noPersonalDataInUrl,
  noSensitiveData,
  noExactTiming,
  noDataMosaic,
  noSurveillancePhrasing,
  noSensitiveImplication,
  noRevealingValue,
  requireUnsubscribeLink,
  requirePreferencesLink,
  requireExplanation,
  requireFallback,
  noUnknownHelper,
  noInvalidSuppression,
  noUnusedSuppression,
];

/** Rules that judge other findings run after suppressions are applied. */
export const AFTER_SUPPRESSIONS: ReadonlySet<string> = new Set([noUnusedSuppression.meta.id]);

export function findRule(id: string): Rule | undefined {
  return RULES.find((rule) => rule.meta.id === id);
}
