import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkTemplate } from '../../src/engine/check-template.js';
import { lint } from '../../src/engine/lint.js';
import { loadProfile, validateProfile } from '../../src/load/profile.js';
import { fileSystemPartials } from '../../src/load/partials.js';
import { InputError } from '../../src/model/input-error.js';
import { createChecker } from '../../src/presend/checker.js';
import { renderOptionsFor } from '../../src/runtime-helpers.js';
import { DATA_MAP, FIXED_NOW } from '../support.js';

const TEMPLATE = 'templates/browse-abandon.hbs';
const text = (file: string): string => readFileSync(file, 'utf8');
const WITHDRAWN_TEXT = text('fixtures/profiles/withdrawn-consent.json');
const FULL_TEXT = text('fixtures/profiles/full-consent.json');

/** The same recipient in every shape an entry point may be given: parsed JSON, a plain object literal, a loaded Profile. */
async function shapesOf(file: string): Promise<[string, unknown][]> {
  const parsed = JSON.parse(text(file)) as Record<string, unknown>;
  return [
    ['JSON.parse', parsed],
    ['plain object', { ...parsed, consent: { ...(parsed['consent'] as object) } }],
    ['loaded Profile', await loadProfile(file)],
  ];
}

describe('profiles are normalised at every boundary, whatever shape they come in', () => {
  it('renderOptionsFor(JSON.parse(text)) works as the README shows, and agrees with a loaded profile', async () => {
    expect(renderOptionsFor(JSON.parse(WITHDRAWN_TEXT) as object, FIXED_NOW)).toEqual({ data: { consent: { marketing: true, personalisation: false } } });
    expect(renderOptionsFor(await loadProfile('fixtures/profiles/withdrawn-consent.json'), FIXED_NOW)).toEqual(renderOptionsFor(JSON.parse(WITHDRAWN_TEXT) as object, FIXED_NOW));
    expect(() => renderOptionsFor({ id: 'x', consent: { marketing: { granted: 'yes' } } })).toThrow(InputError);
  });

  it('lint() gives one result per recipient, the same for every shape', async () => {
    for (const file of ['fixtures/profiles/full-consent.json', 'fixtures/profiles/withdrawn-consent.json']) {
      const expected = await lint({ templates: [TEMPLATE], dataMap: DATA_MAP, profiles: [file], now: FIXED_NOW });
      for (const [shape, value] of await shapesOf(file)) {
        const outcome = await lint({ templates: [TEMPLATE], dataMap: DATA_MAP, profiles: [value as object], now: FIXED_NOW });
        expect(outcome.problems, shape).toEqual([]);
        expect(
          outcome.results.map((result) => [result.score, result.findings]),
          shape,
        ).toEqual(expected.results.map((result) => [result.score, result.findings]));
      }
    }
  });

  it('lint() reports an invalid profile object by its place in the list and checks the rest', async () => {
    const outcome = await lint({ templates: [TEMPLATE], dataMap: DATA_MAP, profiles: [JSON.parse(FULL_TEXT) as object, { id: 'x', consent: [] }], now: FIXED_NOW });
    expect(outcome.problems).toEqual([{ file: 'profiles[1]', line: undefined, column: undefined, message: 'expected `consent`: purpose → { granted, at, expires }' }]);
    expect(outcome.results).toHaveLength(1);
  });

  it('checkTemplate() takes the same shapes', async () => {
    const run = (profiles: object[]) =>
      checkTemplate({
        file: TEMPLATE,
        text: text(TEMPLATE),
        dataMap: DATA_MAP,
        profiles,
        partials: fileSystemPartials({ templateFile: TEMPLATE, partialDirs: [], cwd: process.cwd() }),
        now: FIXED_NOW,
      });
    const shapes = await shapesOf('fixtures/profiles/withdrawn-consent.json');
    const results = await Promise.all(shapes.map(async ([, value]) => (await run([value as object])).results.map((result) => [result.score, result.holdReasons])));
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
    await expect(run([{ id: 'x', sources: { a: 'rumour' } }])).rejects.toThrow('source for `a`: expected one of declared, observed, inferred, third_party, system');
  });

  it('createChecker().check() reads a loaded Profile’s consent, not only a parsed one’s', async () => {
    const checker = createChecker({
      template: text(TEMPLATE),
      file: TEMPLATE,
      dataMap: DATA_MAP,
      now: () => FIXED_NOW,
      partials: fileSystemPartials({ templateFile: TEMPLATE, partialDirs: [], cwd: process.cwd() }),
    });
    for (const file of ['fixtures/profiles/full-consent.json', 'fixtures/profiles/withdrawn-consent.json']) {
      const answers = await Promise.all((await shapesOf(file)).map(async ([shape, value]) => [shape, (await checker.check(value)).holdReasons] as const));
      const [first] = answers;
      for (const answer of answers) expect(answer[1], `${file} as ${answer[0]}`).toEqual(first?.[1]);
    }
    // Full consent: no consent error, whichever shape.
    expect((await checker.check(await loadProfile('fixtures/profiles/full-consent.json'))).holdReasons).not.toContain('require-consent');
  });

  it('a Profile made by hand (Maps) is checked like a file; one already normalised passes through as it is', () => {
    const made = {
      id: 'p',
      data: {},
      consent: new Map([['marketing', { granted: true, at: '2026-01-01T00:00:00Z' }]]),
      sources: new Map([['first_name', 'declared']]),
      file: 'crm',
    };
    const normalised = validateProfile(made, { file: 'recipient' });
    expect(normalised).toEqual({
      id: 'p',
      data: {},
      consent: new Map([['marketing', { granted: true, at: '2026-01-01T00:00:00Z', expires: undefined }]]),
      sources: new Map([['first_name', 'declared']]),
      file: 'crm',
    });
    expect(validateProfile(normalised, { file: 'again' })).toBe(normalised);
    expect(() => validateProfile({ ...made, consent: new Map([['marketing', { granted: 'yes' }]]) }, { file: 'recipient' })).toThrow(
      'consent `marketing`: expected { "granted": true|false, "at": date }',
    );
  });
});
