import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandTemplateArguments } from '../../src/load/template-files.js';

const ROOT = resolve(import.meta.dirname, '../..');

describe('template arguments', () => {
  it('leave partials/ out whether a directory or a glob reaches them, unless the glob names that folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'creeplint-expand-'));
    cpSync(join(ROOT, 'templates'), join(dir, 'emails'), { recursive: true });
    const expand = async (...patterns: string[]) => (await expandTemplateArguments(patterns, dir)).files;
    expect(await expand('emails/**/*.hbs')).toEqual([
      'emails/browse-abandon.hbs',
      'emails/creepy.hbs',
      'emails/order-confirmation.hbs',
      'emails/recommendation.hbs',
      'emails/still-thinking-ar.hbs',
    ]);
    expect(await expand('emails')).toEqual(await expand('emails/**/*'));
    expect(await expand('emails/partials/*.hbs')).toEqual(['emails/partials/footer.hbs']);
  });
});
