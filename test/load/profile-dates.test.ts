import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateProfile } from '../../src/load/profile.js';

/** What a profile's consent date must be, worked out afresh every time. */
const readsAsDate = (text: string): boolean => !Number.isNaN(Date.parse(text));

const DATES = [
  '2026-01-01T00:00:00Z',
  '2026-01-01',
  '2026-13-01',
  '',
  ' ',
  'yesterday',
  '__proto__',
  'constructor',
  'Tue, 1 Jan 2026 10:00:00 GMT',
  '2026-02-30T00:00:00+25:00',
  '0',
  '-1',
  'NaN',
];

function accepted(at: string): boolean {
  try {
    validateProfile({ id: 'r', data: {}, consent: { marketing: { granted: true, at } } }, { file: 'recipient' });
    return true;
  } catch {
    return false;
  }
}

describe('consent dates, remembered across recipients', () => {
  it('are accepted exactly when Date.parse reads them, however often and in whatever order they come (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.constantFrom(...DATES),
            fc.string(),
            fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
          ),
          { maxLength: 60 },
        ),
        (texts) => {
          for (const at of [...texts, ...texts.reverse()]) expect(accepted(at), at).toBe(readsAsDate(at));
        },
      ),
      { numRuns: Number(process.env.CREEPLINT_PROPERTY_RUNS ?? 200) },
    );
  });

  it("stay right past the memory's limit, when it is emptied", () => {
    const texts = Array.from({ length: 5000 }, (_, index) =>
      index % 3 === 0 ? `2026-01-${String((index % 28) + 1).padStart(2, '0')}T00:00:${String(index % 60).padStart(2, '0')}Z` : `not a date ${index}`,
    );
    for (const at of [...texts, ...texts]) expect(accepted(at)).toBe(readsAsDate(at));
  });
});
