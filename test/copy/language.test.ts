import { describe, expect, it } from 'vitest';
import { emailLanguage, isRightToLeft, scriptLanguage } from '../../src/copy/language.js';
import { checkTemplate } from '../../src/engine/check-template.js';
import type { RenderedEmail } from '../../src/engine/rendered-email.js';
import { DATA_MAP, FIXED_NOW, partialsFrom, profile } from '../support.js';

const P = '---\npurpose: [marketing, personalisation]\n---\n';

async function rendered(text: string, options: { file?: string; data?: Record<string, unknown> } = {}): Promise<RenderedEmail> {
  const outcome = await checkTemplate({
    file: options.file ?? 'email.hbs',
    text,
    dataMap: DATA_MAP,
    profiles: [profile(options.data ? { data: options.data } : {})],
    partials: partialsFrom({}),
    now: FIXED_NOW,
  });
  const email = outcome.rendered[0];
  if (!email) throw new Error('not rendered');
  return email;
}

describe('the language of an email', () => {
  it('is read from the script of the copy when the markup says nothing: most letters Arabic is ar, most Latin en', () => {
    expect(scriptLanguage(['لاحظنا أنك شاهدت مؤخراً حذاء Nike الجديد'])).toBe('ar');
    expect(scriptLanguage(['We noticed you viewed the new مرحبا trail shoes'])).toBe('en');
    expect(scriptLanguage(['日本語のメール'])).toBeUndefined();
    expect(scriptLanguage(['١٢٣ 456 !'])).toBeUndefined();
  });

  it('takes the declared lang and dir first; dir auto follows the language', () => {
    expect(emailLanguage({ lang: 'ar-SA', dir: undefined }, ['Hello'])).toEqual({ language: 'ar-SA', direction: 'rtl', from: 'declared' });
    expect(emailLanguage({ lang: undefined, dir: 'ltr' }, ['مرحبا بك'])).toEqual({ language: 'ar', direction: 'ltr', from: 'detected' });
    expect(emailLanguage({ lang: 'en', dir: 'rtl' }, ['Hello'])).toEqual({ language: 'en', direction: 'rtl', from: 'declared' });
    expect(emailLanguage({ lang: undefined, dir: 'auto' }, ['مرحبا بك'])).toMatchObject({ direction: 'rtl' });
    expect(isRightToLeft('he-IL')).toBe(true);
    expect(isRightToLeft('fr')).toBe(false);
  });

  it('reads lang and dir on <html>, <body> and the wrappers that hold all the content', async () => {
    expect((await rendered(`${P}<html lang="ar" dir="rtl"><body><p>Hello</p></body></html>`)).language).toMatchObject({ language: 'ar', direction: 'rtl' });
    expect((await rendered(`${P}<html><body><table dir="rtl"><tr><td><p>Hello</p></td></tr></table></body></html>`)).language).toMatchObject({ language: 'en', direction: 'rtl' });
    expect((await rendered(`${P}<main lang="ar"><p>Hello</p></main>`)).language).toMatchObject({ language: 'ar', direction: 'rtl', from: 'declared' });
    // A dir on one paragraph among others is that paragraph's, not the email's.
    expect((await rendered(`${P}<p dir="rtl">مرحبا</p><p>Hello there, welcome back</p>`)).language).toMatchObject({ language: 'en', direction: 'ltr' });
  });

  it('reads mjml’s <mjml lang dir>, and its default (und, auto) as nothing declared', async () => {
    const mjml = (attributes: string, text: string): string =>
      `${P}<mjml${attributes}><mj-body><mj-section><mj-column><mj-text>${text}</mj-text></mj-column></mj-section></mj-body></mjml>`;
    expect((await rendered(mjml(' lang="ar" dir="rtl"', 'Hello'), { file: 'email.mjml' })).language).toMatchObject({ language: 'ar', direction: 'rtl' });
    expect((await rendered(mjml('', 'لاحظنا أنك تحب الجري'), { file: 'email.mjml' })).language).toMatchObject({ language: 'ar', direction: 'rtl', from: 'detected' });
  });

  it('counts the template’s words, not a recipient’s values, so every recipient of a layout gets the same', async () => {
    const text = `${P}<p>Hi {{first_name}}, new in this week</p>`;
    expect((await rendered(text, { data: { first_name: 'عبد الله بن محمد بن عبد العزيز' } })).language).toMatchObject({ language: 'en', direction: 'ltr' });
  });

  it('follows a value printed into lang or dir, which is part of the layout', async () => {
    const text = `${P}<html lang="{{store_name}}"><body><p>Hello</p></body></html>`;
    expect((await rendered(text, { data: { store_name: 'ar' } })).language).toMatchObject({ language: 'ar', direction: 'rtl' });
    expect((await rendered(text, { data: { store_name: 'en-GB' } })).language).toMatchObject({ language: 'en-GB', direction: 'ltr' });
  });
});
