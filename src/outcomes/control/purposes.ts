import type { DataMap } from '../../model/datamap.js';

/**
 * The purposes the twin declares. The first purpose the template lists is what the email
 * is for, and stays (`marketing` in `[marketing, personalisation]`). A later purpose that
 * rests on consent was there for the personal data the twin no longer reads: kept, it
 * would need a consent the control group may not have given (`require-consent`) for
 * content the twin does not have, so it goes. One on another basis costs the reader
 * nothing and stays.
 */
export function twinPurposes(purposes: readonly string[], dataMap: DataMap | undefined): { kept: string[]; dropped: string[] } {
  const kept = purposes.filter((purpose, index) => index === 0 || (dataMap?.purposes.get(purpose)?.basis ?? 'consent') !== 'consent');
  return { kept, dropped: purposes.filter((purpose) => !kept.includes(purpose)) };
}
