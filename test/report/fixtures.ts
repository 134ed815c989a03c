import { lint, type LintOutcome } from '../../src/engine/lint.js';
import { validateProfile } from '../../src/load/profile.js';
import { DEFAULT_REPORTER_OPTIONS, type ReporterOptions } from '../../src/report/index.js';
import { FIXED_NOW } from '../support.js';

/** Values no message, path or rule text could contain by accident. */
export const DISTINCTIVE = {
  first_name: 'Zebulonia',
  last_name: 'Quixotegrove',
  email: 'zq-77311@mailbox.invalid',
  last_viewed_product: 'Ultramarine Kayak Paddle',
  last_seen_store: 'Wharfside Emporium 19',
  last_seen_at: '2026-11-20T09:41:00Z',
  income_band: 'Bracket-Q-9931',
  date_of_birth: '1971-03-09',
  predicted_pregnancy: true,
  unsubscribe_url: 'https://shop.example/u/tok-q9931',
  preferences_url: 'https://shop.example/p/tok-q9931',
  store_name: 'Northern Trails',
  order: { number: 'ORD-55120', total: '£99.31', items: [{ name: 'Glacier Compass', quantity: 3, price: '£33.10' }] },
  shipping_address: { city: 'Invermoriston', street: '7 Lochside Lane' },
  recommended_products: [{ name: 'Aurora Headlamp' }],
};

export const DISTINCTIVE_VALUES = [
  'Zebulonia',
  'Quixotegrove',
  'zq-77311',
  'Ultramarine Kayak',
  'Wharfside Emporium',
  '09:41',
  'Bracket-Q-9931',
  '1971-03-09',
  'tok-q9931',
  'ORD-55120',
  '£99.31',
  'Glacier Compass',
  'Invermoriston',
  'Lochside',
  'Aurora Headlamp',
];

export function distinctiveProfile() {
  return validateProfile(
    {
      id: 'cust-distinct',
      data: DISTINCTIVE,
      consent: { marketing: { granted: true, at: '2026-01-01T00:00:00Z' }, personalisation: { granted: false, at: '2026-02-01T00:00:00Z' } },
    },
    { file: 'distinct.json' },
  );
}

export async function bundledOutcome(templates: string[] = ['templates']): Promise<LintOutcome> {
  return lint({ templates, dataMap: 'fixtures/datamap.yaml', profiles: [distinctiveProfile()], now: FIXED_NOW });
}

export const OPTIONS: ReporterOptions = { ...DEFAULT_REPORTER_OPTIONS, cwd: process.cwd() };
