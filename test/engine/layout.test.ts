import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import Handlebars from 'handlebars';
import { Liquid } from 'liquidjs';
import { describe, expect, it } from 'vitest';
import { judgeRecipient, type Judged } from '../../src/engine/judge.js';
import { prepareTemplate, type PreparedTemplate } from '../../src/engine/prepare.js';
import { fileSystemPartials } from '../../src/load/partials.js';
import { validateProfile } from '../../src/load/profile.js';
import { consentState, type Profile } from '../../src/model/profile.js';
import { registerCreeplintHelpers } from '../../src/runtime-helpers.js';
import { splitTemplateSource } from '../../src/template/source.js';
import { CORPUS, corpusEntries, corpusLanguage, corpusPartials, corpusPresent } from '../corpus.js';
import { DATA_MAP, NOW, ROOT, templateFiles } from '../differential/paths.js';
import { recipientArbitrary, value } from '../differential/recipients.js';

/**
 * The shared path leaves every escaped value out of the email's layout, so recipients
 * with the same layout share its analysis (where values land, the words, the links,
 * mjml's output) and their own values go into its slots. The plain path prints every
 * value in place and analyses each email on its own. For adversarial recipients, in
 * shuffled order, both must give the same result and the same rendered email.
 */
const SEED = Number(process.env['CREEPLINT_DIFFERENTIAL_SEED'] ?? 20261129);
const FIELDS = [...DATA_MAP.fields.keys()];

function prepared(file: string, text: string, plain: boolean, root = ROOT, partials = fileSystemPartials({ templateFile: file, partialDirs: [], cwd: root })): PreparedTemplate {
  return prepareTemplate({ file, text, dataMap: DATA_MAP, partials, plain });
}

function comparable(judged: Judged): unknown {
  const rendered = judged.rendered;
  return {
    result: judged.result,
    rendered: rendered && { subject: rendered.subject, preheader: rendered.preheader, body: rendered.body, traced: rendered.traced, values: [...rendered.values] },
  };
}

async function expectSamePaths(shared: PreparedTemplate, makePlain: () => PreparedTemplate, profiles: readonly Profile[], label: string): Promise<void> {
  for (const profile of profiles) {
    const hollow = await judgeRecipient(shared, profile, { now: NOW, rendered: true });
    const plain = await judgeRecipient(makePlain(), profile, { now: NOW, rendered: true });
    expect(comparable(hollow), `${label} × ${profile.id}`).toEqual(comparable(plain));
  }
}

describe('the shared layout gives the answers of the plain path', () => {
  for (const [index, file] of templateFiles().entries()) {
    it(
      file,
      async () => {
        const text = readFileSync(join(ROOT, file), 'utf8');
        const profiles = fc.sample(recipientArbitrary(FIELDS), { numRuns: 40, seed: SEED + index }).flatMap((recipient, position) => {
          try {
            return [validateProfile({ id: `r-${position}`, ...recipient }, { file: 'recipient' })];
          } catch {
            return [];
          }
        });
        const shared = prepared(file, text, false);
        // Twice, the second time in reverse: every recipient meets layouts others made.
        await expectSamePaths(shared, () => prepared(file, text, true), profiles, file);
        await expectSamePaths(shared, () => prepared(file, text, true), [...profiles].reverse(), file);
      },
      120_000,
    );
  }

  it('prints exactly what Handlebars prints, markers aside, for the bundled templates', async () => {
    const handlebars = Handlebars.create();
    registerCreeplintHelpers(handlebars);
    handlebars.registerPartial('footer', readFileSync(join(ROOT, 'templates/partials/footer.hbs'), 'utf8'));
    for (const [index, file] of templateFiles()
      .filter((name) => name.startsWith('templates/') && name.endsWith('.hbs'))
      .entries()) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      const source = splitTemplateSource(file, text, 'html');
      const template = handlebars.compile(source.body.text);
      const shared = prepared(file, text, false);
      for (const recipient of fc.sample(recipientArbitrary(FIELDS), { numRuns: 30, seed: SEED + 100 + index })) {
        const profile = validateProfile({ id: 'r', ...recipient }, { file: 'recipient' });
        const withoutMarkers = JSON.parse(JSON.stringify(profile.data).replace(/[\uF8E0-\uF8F3]/gu, '')) as unknown;
        const judged = await judgeRecipient(shared, profile, { now: NOW, rendered: true });
        expect(judged.rendered?.body, file).toBe(template(withoutMarkers, { data: { consent: {} } }));
      }
    }
  }, 60_000);
});

describe('the Liquid render prints what liquidjs prints', () => {
  it('markers aside, for the Liquid templates the differential test judges', async () => {
    const files = templateFiles().filter((name) => name.endsWith('.liquid') && !name.includes('.mjml.'));
    expect(files.length).toBeGreaterThan(5);
    for (const [index, file] of files.entries()) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      const source = splitTemplateSource(file, text, 'html');
      // Its partials, as liquidjs finds them by name in memory.
      const folder = join(ROOT, dirname(file), 'partials');
      const partials = existsSync(folder)
        ? readdirSync(folder)
            .filter((name) => name.endsWith('.liquid'))
            .map((name): [string, string] => [name.slice(0, -'.liquid'.length), readFileSync(join(folder, name), 'utf8')])
        : [];
      const reference = new Liquid({ ownPropertyOnly: true, timezoneOffset: 0, locale: 'en-US', templates: Object.fromEntries(partials) });
      const shared = prepared(file, text, false);
      for (const recipient of fc.sample(recipientArbitrary(FIELDS), { numRuns: 30, seed: SEED + 200 + index })) {
        const profile = validateProfile({ id: 'r', ...recipient }, { file: 'recipient' });
        const judged = await judgeRecipient(shared, profile, { now: NOW, rendered: true });
        const consent = Object.fromEntries([...profile.consent.keys()].map((purpose) => [purpose, judged.rendered !== undefined && consentGranted(profile, purpose)]));
        // Filters see the values as they are (`url_encode` encodes a marker character); what is printed has none.
        const printed = (reference.parseAndRenderSync(source.body.text, { ...profile.data, consent }) as string).replace(/[\uF8E0-\uF8F3]/gu, '');
        expect(judged.rendered?.body, file).toBe(printed);
      }
    }
  }, 60_000);
});

function consentGranted(profile: Profile, purpose: string): boolean {
  return consentState(profile, purpose, NOW) === 'granted';
}

/** Data for every field a corpus template reads, each leaf a value from the adversarial pool. */
function corpusData(prepared: PreparedTemplate, pool: readonly unknown[]): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  let next = 0;
  for (const use of prepared.analysis.uses) {
    let node: Record<string, unknown> = data;
    const segments = use.field.split('.');
    segments.forEach((segment, position) => {
      const last = position === segments.length - 1;
      const list = segment.endsWith('[]');
      const key = list ? segment.slice(0, -2) : segment;
      if (!Object.hasOwn(node, key) || typeof node[key] !== 'object' || node[key] === null) {
        node[key] = list || (last && use.kind === 'iteration') ? [{}, {}] : last ? pool[next++ % pool.length] : {};
      }
      const inner = node[key];
      if (Array.isArray(inner)) node = (inner[0] ?? {}) as Record<string, unknown>;
      else if (typeof inner === 'object' && inner !== null) node = inner as Record<string, unknown>;
    });
  }
  return data;
}

describe.skipIf(!corpusPresent)(`the shared layout on the corpus (${corpusPresent ? CORPUS : 'skipped: ../shared/corpus is not beside this clone'})`, () => {
  it('gives the plain path’s answers for every template, each in its own language', async () => {
    const entries = corpusEntries();
    let compared = 0;
    for (const [index, entry] of entries.entries()) {
      const { file } = entry;
      const text = readFileSync(join(CORPUS, file), 'utf8');
      const make = (plain: boolean) => prepareTemplate({ file, text, dataMap: undefined, partials: corpusPartials(file), plain, language: corpusLanguage(entry) });
      const shared = make(false);
      const profiles = [0, 1, 2].map((round) =>
        validateProfile({ id: `c-${round}`, data: corpusData(shared, fc.sample(value, { numRuns: 16, seed: SEED + index * 3 + round })), consent: {} }, { file: 'recipient' }),
      );
      await expectSamePaths(shared, () => make(true), profiles, file);
      compared += profiles.length;
    }
    expect(compared).toBe(entries.length * 3);
  }, 600_000);
});
