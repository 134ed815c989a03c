// A synthetic audience for tests and benchmarks, with a known mix, so the expected
// verdict counts are exact. Usage:
//   node scripts/generate-audience.mjs --count 100000 [--withdrawn 0.2] [--missing 0.1] [--malformed 0.01] [--varied] [--csv] > audience.jsonl
// Every k-th record gets each trait, deterministically (no randomness): with --withdrawn
// 0.2, records 0, 5, 10, … withdrew personalisation consent. --varied gives every
// recipient a product of their own, some with the lexicon's words in it (for benchmarks,
// where no two recipients should look alike).
import { writeSync } from 'node:fs';

function option(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : process.argv[index + 1];
}

const WORDY = ['we noticed you liked it', 'still thinking about it?', 'for your pregnancy', 'unsubscribe'];

function productOf(index, varied) {
  if (!varied) return `Product ${index % 97}`;
  const product = `Product ${index} in ${['red', 'blue', 'oak', 'steel'][index % 4]}`;
  return index % 23 === 5 ? `${product} (${WORDY[index % WORDY.length]})` : product;
}

export function* audience({ count, withdrawn = 0, missing = 0, malformed = 0, varied = false }) {
  const every = (share) => (share > 0 ? Math.round(1 / share) : 0);
  const [w, m, bad] = [every(withdrawn), every(missing), every(malformed)];
  for (let index = 0; index < count; index += 1) {
    if (bad && index % bad === bad - 1) {
      yield { malformed: true, index };
      continue;
    }
    const consent = {
      marketing: { granted: true, at: '2026-01-01T00:00:00Z' },
      personalisation: { granted: !(w && index % w === 0), at: '2026-01-01T00:00:00Z' },
    };
    const data = {
      first_name: m && index % m === 1 ? '' : `Name${index}`,
      last_viewed_product: productOf(index, varied),
      unsubscribe_url: `https://shop.example/u/${index}`,
      preferences_url: `https://shop.example/p/${index}`,
      store_name: 'Northern Trails',
    };
    yield { index, profile: { id: `r-${index}`, data, consent } };
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const count = Number(option('count', 1000));
  const csv = process.argv.includes('--csv');
  const spec = {
    count,
    withdrawn: Number(option('withdrawn', 0)),
    missing: Number(option('missing', 0)),
    malformed: Number(option('malformed', 0)),
    varied: process.argv.includes('--varied'),
  };
  const out = (text) => writeSync(1, text);
  if (csv) out('id,first_name,last_viewed_product,unsubscribe_url,preferences_url,store_name,consent.marketing,consent.personalisation\n');
  let buffer = '';
  for (const record of audience(spec)) {
    if (record.malformed) buffer += csv ? `r-${record.index},too,few\n` : '{"id": "broken", \n';
    else if (csv) {
      const { id, data, consent } = record.profile;
      buffer += `${id},${data.first_name},${data.last_viewed_product},${data.unsubscribe_url},${data.preferences_url},${data.store_name},granted,${consent.personalisation.granted ? 'granted' : 'withdrawn'}\n`;
    } else buffer += `${JSON.stringify(record.profile)}\n`;
    if (buffer.length > 1 << 16) {
      out(buffer);
      buffer = '';
    }
  }
  out(buffer);
}
