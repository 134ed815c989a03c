// Recipients with distinct values for the bench: every name, product, address and order
// differs, some values contain the lexicon's words, some are missing, and the bundled
// profiles' consent states rotate. No shortcut that shares results by mistake can look
// fast on them, because nothing repeats but what the rules really read.
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const FIRST = ['Layla', 'Omar', 'Chen', 'Ana', 'Sipho', 'Maëlle', 'Jo', 'Aiko', 'Ravi', 'Zoë', 'Kwame', 'Ines'];
const PRODUCTS = ['trail jacket', 'running socks', 'head torch', 'rain cover', 'walking poles', 'hydration vest', 'pregnancy pillow', 'map case'];
/** Copy words inside values: these change the verdict, as they should. */
const WORDY = ['we noticed you liked it', 'still thinking about it?', 'for your pregnancy', 'unsubscribe', 'manage your emails'];

export function variedRecipient(index, base) {
  const profile = structuredClone(base[index % base.length]);
  profile.id = `r-${index}`;
  const data = profile.data;
  const first = `${FIRST[index % FIRST.length]}${index}`;
  if (data.first_name !== undefined || index % 10 !== 3) data.first_name = index % 10 === 3 ? '' : first;
  data.last_name = `Surname${index * 7}`;
  data.email = `person${index}@example.com`;
  const product = `${PRODUCTS[index % PRODUCTS.length]} no. ${index}`;
  data.last_viewed_product = index % 23 === 5 ? `${product} (${WORDY[index % WORDY.length]})` : product;
  data.last_seen_at =
    index % 2 === 0
      ? `2026-11-${String(1 + (index % 28)).padStart(2, '0')}T${String(index % 24).padStart(2, '0')}:${String(index % 60).padStart(2, '0')}:00Z`
      : `${1 + (index % 28)} November`;
  data.last_seen_store = `Store ${index % 500}, Leeds`;
  data.shipping_address = { city: `Town ${index % 300}`, street: `${index} Park Row` };
  data.order = {
    number: `A-${100000 + index}`,
    total: `£${(index % 200) + 5}.00`,
    items: Array.from({ length: 1 + (index % 4) }, (_, item) => ({
      name: `${PRODUCTS[(index + item) % PRODUCTS.length]} ${index}-${item}`,
      quantity: 1 + item,
      price: `£${item + 3}.00`,
    })),
  };
  data.recommended_products = Array.from({ length: index % 5 }, (_, item) => ({ name: `Pick ${index}-${item}` }));
  data.income_band = `£${20 + (index % 60)}k`;
  data.unsubscribe_url = `https://shop.example/unsubscribe/tok-${index.toString(36)}`;
  data.preferences_url = `https://shop.example/preferences/tok-${index.toString(36)}`;
  return profile;
}

/** The bundled profiles, as the base whose consent and sources rotate through the audience. */
export function bundledProfiles() {
  return readdirSync(join(root, 'fixtures/profiles'))
    .sort()
    .map((name) => JSON.parse(readFileSync(join(root, 'fixtures/profiles', name), 'utf8')));
}

export function variedAudience(count) {
  const base = bundledProfiles();
  return Array.from({ length: count }, (_, index) => variedRecipient(index, base));
}
