import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** A folder of test/parity/: one email written in Handlebars and in Liquid. */
export interface ParityPair {
  name: string;
  dir: string;
  /** Paths of the Handlebars email and of the Liquid email. */
  handlebars: string;
  liquid: string;
}

export const PARITY = 'test/parity';

/** Every pair, each folder's two emails found by name (`email.hbs`, `email.liquid`, `email.mjml`, `email.mjml.liquid`…). */
export function parityPairs(): ParityPair[] {
  return readdirSync(PARITY, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => {
      const dir = join(PARITY, entry.name);
      const names = readdirSync(dir);
      const handlebars = names.find((name) => name.startsWith('email.') && !name.endsWith('.liquid') && name !== 'expected.json');
      const liquid = names.find((name) => name.startsWith('email.') && name.endsWith('.liquid'));
      if (!handlebars || !liquid) throw new Error(`${dir} needs an email in each language`);
      return { name: entry.name, dir, handlebars: join(dir, handlebars), liquid: join(dir, liquid) };
    });
}
