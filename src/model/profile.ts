import type { Source } from './vocabulary.js';

export interface ConsentRecord {
  granted: boolean;
  at?: string | undefined;
  expires?: string | undefined;
}

/** One recipient. `data` is plain JSON; nothing in it is ever executed. */
export interface Profile {
  id: string;
  data: Record<string, unknown>;
  consent: ReadonlyMap<string, ConsentRecord>;
  /** Per-person source overrides, keyed by data-map field path. */
  sources: ReadonlyMap<string, Source>;
  file?: string | undefined;
}

/** The state of one purpose's consent for one recipient at a moment. */
export type ConsentState = 'granted' | 'refused' | 'expired' | 'missing';

export function consentState(profile: Profile, purpose: string, now: Date): ConsentState {
  const record = profile.consent.get(purpose);
  if (!record) return 'missing';
  if (!record.granted) return 'refused';
  if (record.expires !== undefined) {
    const expires = Date.parse(record.expires);
    if (Number.isNaN(expires) || expires <= now.getTime()) return 'expired';
  }
  return 'granted';
}
