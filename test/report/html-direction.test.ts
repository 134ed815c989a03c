import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import { formatHtml } from '../../src/report/html/index.js';
import { FIXED_NOW } from '../support.js';
import { OPTIONS } from './fixtures.js';

/** The html report of one template for one profile, and the preview document inside it. */
async function report(template: string, profile = 'fixtures/profiles/saudi-customer.json'): Promise<{ page: string; preview: string }> {
  const outcome = await lint({ templates: [template], dataMap: 'fixtures/datamap.yaml', profiles: [profile], now: FIXED_NOW });
  const page = formatHtml(outcome, OPTIONS);
  const srcdoc = /srcdoc="([^"]*)"/u.exec(page)?.[1] ?? '';
  const preview = srcdoc.replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&#39;', "'").replaceAll('&amp;', '&');
  return { page, preview };
}

function draft(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'creeplint-direction-'));
  const file = join(dir, 'email.hbs');
  writeFileSync(file, text);
  return file;
}

const P = '---\npurpose: [marketing, personalisation]\nsubject: "{{first_name}}، جديد {{last_viewed_product}}"\npreheader: "من {{store_name}}"\n---\n';

describe('the html report lays out right-to-left emails right to left', () => {
  it('the subject and preheader rows of an Arabic email run right to left, with the email’s language', async () => {
    const { page } = await report('templates/still-thinking-ar.hbs');
    expect(page).toContain('<div class="subject" dir="rtl" lang="ar">');
    expect(page).toContain('<div class="preheader" dir="rtl" lang="ar">');
  });

  it('keeps an email’s own lang and dir, and isolates every highlighted value so a Latin name does not reorder an Arabic sentence', async () => {
    const { page, preview } = await report('templates/still-thinking-ar.hbs');
    expect(preview).toMatch(/<html lang="ar" dir="rtl">/u);
    const marks = [...`${page}${preview}`.matchAll(/(.{5})<mark class="creeplint-token/gu)];
    expect(marks.length).toBeGreaterThan(4);
    for (const mark of marks) expect(mark[1]).toBe('<bdi>');
    expect(preview).toContain('حذاء الجري Nike Pegasus 41<span class="creeplint-tip" role="tooltip" dir="ltr" lang="en">');
    // Values listed beside the preview (links, conditions) are isolated too.
    expect(page).toContain('<div class="value"><bdi>https://shop.example.sa/preferences/tok-91ab</bdi></div>');
  });

  it('shows an email right to left when its copy is Arabic though its markup does not say so, or says dir="auto"', async () => {
    const fragment = await report(draft(`${P}<p>لاحظنا أنك شاهدت {{last_viewed_product}}</p><p>تصلك هذه الرسالة لأنك مشترك</p>`));
    expect(fragment.preview).toMatch(/^<!doctype html><html dir="rtl" lang="ar"><head>/u);
    expect(fragment.page).toContain('<div class="subject" dir="rtl" lang="ar">');
    const auto = await report(draft(`${P}<html dir="auto"><body><p>لاحظنا أنك شاهدت {{last_viewed_product}}</p></body></html>`));
    expect(auto.preview).toContain('<html dir="rtl">');
  });

  it('leaves left-to-right emails as they are, values isolated all the same', async () => {
    const { page, preview } = await report('templates/browse-abandon.hbs', 'fixtures/profiles/full-consent.json');
    expect(`${page}${preview}`).not.toContain('dir="rtl"');
    expect(page).toContain('<div class="subject"><bdi><mark');
  });
});
