import { describe, expect, it } from 'vitest';
import { guessField } from '../../src/init/guess-field.js';
import { starterDataMap, type InitSurvey } from '../../src/init/starter-files.js';
import { parseDataMap } from '../../src/load/datamap.js';

const FIELDS = [
  '$first_name',
  'baby_due_date',
  'billing.city',
  'customer.first_name',
  'first name',
  'manage_preferences_link',
  'null',
  'order.items',
  'order.items[].name',
  'order_number',
  'predicted_churn',
  'privacy_policy_url',
  'product_name',
  'recommended[].name',
  'store.city',
  'unsubscribe_url',
  'xyzzy',
];

function survey(overrides: Partial<InitSurvey> = {}): InitSurvey {
  return { templates: ['emails'], partials: [], purposes: ['marketing', 'personalisation'], fields: FIELDS, helpers: [], ...overrides };
}

describe('the starter data map', () => {
  const text = starterDataMap(survey());
  const lines = text.split('\n');
  const map = parseDataMap(text, 'datamap.yaml');

  it('loads without errors or warnings, with every field a data map can name', () => {
    expect(map.warnings).toEqual([]);
    expect([...map.fields.keys()]).toEqual(FIELDS.filter((field) => field !== 'first name'));
  });

  it('writes each guess as it was made: category, source, purposes none, and every purpose and a role only for links', () => {
    for (const [path, spec] of map.fields) {
      const guess = guessField(path);
      expect({ path, category: spec.category, source: spec.source, role: spec.role }).toEqual({ path, category: guess.category, source: guess.source, role: guess.role });
      expect(spec.purposes).toEqual(guess.purposes === 'every' ? ['transactional', 'marketing', 'personalisation'] : []);
    }
    expect(map.fields.get('unsubscribe_url')).toMatchObject({ source: 'system', role: 'unsubscribe', purposes: ['transactional', 'marketing', 'personalisation'] });
    expect(map.fields.get('manage_preferences_link')?.role).toBe('preferences');
    expect(map.fields.get('privacy_policy_url')?.role).toBe('privacy-notice');
    expect(map.fields.get('order_number')).toMatchObject({ source: 'system', purposes: [] });
    expect(map.fields.get('customer.first_name')).toMatchObject({ category: 'user.name.first', source: 'third_party', purposes: [] });
  });

  it('marks every field as a guess, from which words, with why its source, right above it', () => {
    for (const path of map.fields.keys()) {
      const guess = guessField(path);
      const at = lines.findIndex((line) => line.startsWith(`  ${JSON.stringify(path)}: {`) || line.startsWith(`  ${path}: {`));
      expect(lines[at - 2]).toBe(
        `  # guess: ${JSON.stringify(path)} is ${guess.what} (from the word${guess.words.length === 1 ? '' : 's'} ${guess.words.map((word) => JSON.stringify(word)).join(', ')}); review category, source and purposes`,
      );
      expect(lines[at - 1]).toBe(`  #   source ${guess.source}: ${guess.why}`);
    }
    expect(text).toContain(
      '  # guess: "recommended[].name" is the name of a product (not a person) in a list of recommendations (from the words "recommended", "name"); review category, source and purposes\n' +
        '  #   source inferred: recommendations are chosen by a model or rule from what they did\n' +
        '  recommended[].name: { category: user.behavior.purchase_history, source: inferred, purposes: [] }\n',
    );
  });

  it('says in its header that sources are the least favourable plausible, purposes none, and what to do next', () => {
    const header = lines.slice(0, lines.indexOf('version: 1')).join('\n');
    expect(header).toContain('every field\n# below is a guess from the words of its whole path');
    expect(header).toContain('least favourable plausible');
    expect(header).toContain('never `declared` just because nothing else fitted');
    expect(header).toContain('purposes are none (`purposes: []`)');
    expect(header).toContain('links the company owns are `system` with no purposes listed, so they may serve every\n#   purpose');
    expect(header).toContain('# Next, field by field:');
  });

  it('lists a field a data map cannot name as a comment that says so', () => {
    expect(text).toContain('  # not listed: "first name" cannot be written as a data-map path (a space, a bracket or an empty segment);\n');
  });

  it('adds the purposes the templates name, with the strictest basis until someone gives the real one', () => {
    expect(map.purposes.get('personalisation')).toEqual({ name: 'personalisation', basis: 'consent', description: undefined });
    expect(text).toContain('  # named by the templates: basis consent, the strictest, until you give the real one\n  personalisation: { basis: consent }\n');
  });

  it('is the same every time, and loads when the templates read nothing', () => {
    expect(starterDataMap(survey())).toBe(text);
    const empty = starterDataMap(survey({ fields: [], purposes: [] }));
    expect(parseDataMap(empty, 'datamap.yaml').fields.size).toBe(0);
    expect(parseDataMap(starterDataMap(survey({ fields: ['first name'] })), 'datamap.yaml').fields.size).toBe(0);
  });
});
