import type Handlebars from 'handlebars';

/**
 * Helpers for senders to register with their own Handlebars, so templates can be safe by
 * construction:
 *
 *   {{#ifConsent "personalisation"}}Back in stock: {{last_viewed_product}}{{else}}New this week{{/ifConsent}}
 *   Hi {{fallback first_name "there"}},
 *
 * `ifConsent` renders its block only when the recipient's consent for the purpose holds;
 * it reads the consent from the render's data (`renderOptionsFor(profile)`, in
 * src/runtime-helpers.ts). creeplint's linter understands both helpers, and its tracing
 * render registers these same functions.
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

export function ifConsent(this: unknown, purpose: unknown, options: Handlebars.HelperOptions): string {
  const consent = (options.data as Partial<ConsentData> | undefined)?.consent;
  const granted = typeof purpose === 'string' && consent !== undefined && Object.hasOwn(consent, purpose) && consent[purpose] === true;
  return granted ? options.fn(this) : options.inverse(this);
}

export function fallback(value: unknown, alternative: unknown): unknown {
  const empty = value == null || value === '' || (Array.isArray(value) && value.length === 0);
  return empty ? alternative : value;
}
