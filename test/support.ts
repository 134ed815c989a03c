import { readFileSync } from 'node:fs';
import { checkTemplate } from '../src/engine/check-template.js';
import { createChecker } from '../src/presend/checker.js';
import { parseDataMap } from '../src/load/datamap.js';
import { validateProfile } from '../src/load/profile.js';
import type { DataMap } from '../src/model/datamap.js';
import type { Finding, LintResult } from '../src/model/finding.js';
import type { Profile } from '../src/model/profile.js';
import { DEFAULT_SETTINGS, type EngineSettings } from '../src/model/settings.js';
import type { PartialSource } from '../src/template/partial-source.js';

export const FIXED_NOW = new Date('2026-11-28T12:00:00Z');

export const DATA_MAP: DataMap = parseDataMap(readFileSync(new URL('../fixtures/datamap.yaml', import.meta.url), 'utf8'), 'fixtures/datamap.yaml');

export function profile(overrides: { data?: Record<string, unknown>; consent?: Record<string, unknown>; sources?: Record<string, string> } = {}): Profile {
  return validateProfile(
    {
      id: 'test-recipient',
      data: overrides.data ?? {
        first_name: 'Layla',
        email: 'layla@example.com',
        date_of_birth: '1990-06-14',
        last_viewed_product: 'Trail shoes',
        last_seen_at: '2026-11-27T21:41:00Z',
        last_seen_store: 'Briggate',
        predicted_pregnancy: true,
        income_band: 'high',
        order: { number: 'A-1', total: '£10', items: [{ name: 'Socks', quantity: 1, price: '£10' }] },
        recommended_products: [{ name: 'Hat' }],
        unsubscribe_url: 'https://example.com/u',
        preferences_url: 'https://example.com/p',
        store_name: 'Shop',
      },
      consent: overrides.consent ?? {
        marketing: { granted: true, at: '2026-01-01T00:00:00Z' },
        personalisation: { granted: true, at: '2026-01-01T00:00:00Z' },
      },
      sources: overrides.sources ?? {},
    },
    { file: 'test-profile.json' },
  );
}

export function partialsFrom(files: Record<string, string>): PartialSource {
  const find = (name: string) => {
    const text = files[name];
    return text === undefined ? undefined : { file: `partials/${name}.hbs`, source: { text, origin: { line: 1, column: 1 } } };
  };
  return { byName: find, byInclude: (_from, path) => find(path) };
}

export interface CheckOptions {
  file?: string;
  settings?: Partial<EngineSettings>;
  dataMap?: DataMap | undefined;
  profiles?: Profile[];
  partials?: Record<string, string>;
}

/** Lint one template given as text, with the shared data map and one default profile. */
export async function check(text: string, options: CheckOptions = {}): Promise<LintResult> {
  const results = await checkAll(text, options);
  const first = results[0];
  if (!first) throw new Error('no result');
  return first;
}

export async function checkAll(text: string, options: CheckOptions = {}): Promise<LintResult[]> {
  const outcome = await checkTemplate({
    file: options.file ?? 'email.hbs',
    text,
    dataMap: 'dataMap' in options ? options.dataMap : DATA_MAP,
    profiles: options.profiles ?? [profile()],
    partials: partialsFrom(options.partials ?? {}),
    now: FIXED_NOW,
    settings: { ...DEFAULT_SETTINGS, ...options.settings },
  });
  return outcome.results;
}

/** The parts of a finding a rule test pins down. */
export function brief(finding: Finding): Record<string, unknown> {
  const summary: Record<string, unknown> = { ruleId: finding.ruleId, severity: finding.severity, line: finding.line, column: finding.column };
  if (finding.field !== undefined) summary['field'] = finding.field;
  if (finding.placement !== undefined) summary['placement'] = finding.placement;
  return summary;
}

/** Check raw recipient data (as a sender would pass it) through the pre-send checker. */
export async function checkRaw(text: string, recipient: unknown, options: { file?: string } = {}): Promise<{ findings: readonly Finding[]; verdict: string }> {
  const checker = createChecker({ template: text, file: options.file ?? 'email.hbs', dataMap: DATA_MAP, now: () => FIXED_NOW });
  return checker.check(recipient);
}
