/** The product's closed vocabularies (docs/judgement.md), as `as const` arrays with derived types. */

export const SOURCES = ['declared', 'observed', 'inferred', 'third_party', 'system'] as const;
export type Source = (typeof SOURCES)[number];

export const BASES = ['consent', 'contract', 'legitimate_interest', 'legal_obligation'] as const;
export type Basis = (typeof BASES)[number];

/** How a template reads a field. */
export const USE_KINDS = ['print', 'print-raw', 'condition', 'iteration', 'helper-arg'] as const;
export type UseKind = (typeof USE_KINDS)[number];

/** Where a value lands in the finished email, most visible first. */
export const PLACEMENTS = ['subject', 'preheader', 'body', 'link-url', 'image-url', 'attribute', 'hidden', 'condition'] as const;
export type Placement = (typeof PLACEMENTS)[number];

/**
 * The parts of an email a template describes: front matter subject, preheader and
 * headers (`List-Unsubscribe: <…>`, one per line as sent), and the body.
 */
export const SECTIONS = ['subject', 'preheader', 'headers', 'body'] as const;
export type Section = (typeof SECTIONS)[number];

/** Where a value printed in a section lands (a header's tokens are not shown, unless in a link URL). */
export const SECTION_PLACEMENT: Readonly<Record<Section, Placement>> = { subject: 'subject', preheader: 'preheader', headers: 'hidden', body: 'body' };

export const BANDS = ['helpful', 'familiar', 'intrusive', 'creepy'] as const;
export type Band = (typeof BANDS)[number];

/** Holdout groups: `control` gets the de-personalised twin, `personalised` the email that was scored. */
export const GROUPS = ['control', 'personalised'] as const;
export type Group = (typeof GROUPS)[number];

export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}
