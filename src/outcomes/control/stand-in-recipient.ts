import { fieldPathToSegments } from '../../model/datamap.js';
import type { Profile } from '../../model/profile.js';

/** Every system value the stand-in holds: an address, so that links read from data lead somewhere. */
const PLACEHOLDER = 'https://example.invalid/';

/**
 * A recipient of the control group as the twin sees one, when no profiles are given to
 * judge it for: nothing personal is known about them, every system field the twin reads
 * holds a placeholder address (links such as `unsubscribe_url` lead somewhere), and
 * every purpose is consented. Judged on its own instead, a template's links read from
 * data would go nowhere, and every twin would fail `require-unsubscribe-link`.
 */
export function standInRecipient(systemFields: readonly string[], purposes: readonly string[], now: Date): Profile {
  const data: Record<string, unknown> = {};
  for (const field of systemFields) place(data, fieldPathToSegments(field));
  const at = now.toISOString();
  return { id: 'stand-in recipient', data, consent: new Map(purposes.map((purpose) => [purpose, { granted: true, at }])), sources: new Map() };
}

/** Put the placeholder at a path (`[]` for an item of a list), making the objects and lists on the way. */
function place(data: Record<string, unknown>, segments: readonly string[]): void {
  let container: Record<string, unknown> | unknown[] = data;
  segments.forEach((segment, index) => {
    const last = index === segments.length - 1;
    const nextIsList = segments[index + 1] === '[]';
    if (Array.isArray(container)) {
      if (last) {
        if (container.length === 0) container.push(PLACEHOLDER);
        return;
      }
      if (container.length === 0 || typeof container[0] !== 'object' || container[0] === null) container[0] = nextIsList ? [] : {};
      container = container[0] as Record<string, unknown> | unknown[];
      return;
    }
    if (segment === '[]') return;
    const existing = container[segment];
    if (last) {
      if (existing === undefined) container[segment] = PLACEHOLDER;
      return;
    }
    if (typeof existing !== 'object' || existing === null) container[segment] = nextIsList ? [] : {};
    container = container[segment] as Record<string, unknown> | unknown[];
  });
}
