import { describe, expect, it } from 'vitest';
import { check } from '../support.js';

const P = '---\npurpose: [marketing, personalisation]\n---\n';

/** Each rule's suggestions, one line each. */
async function suggestions(template: string): Promise<Record<string, string>> {
  const result = await check(template);
  const byRule: Record<string, string> = {};
  for (const finding of result.findings)
    byRule[finding.ruleId] = byRule[finding.ruleId] === undefined ? finding.suggestion : `${byRule[finding.ruleId] ?? ''}\n${finding.suggestion}`;
  return byRule;
}

describe('words a rule suggests are in the email’s language', () => {
  it('an Arabic email gets Arabic link words and an Arabic explanation', async () => {
    const found = await suggestions(`${P}<html lang="ar" dir="rtl"><body><p>متوفر من جديد: {{last_viewed_product}}</p></body></html>`);
    expect(found['require-unsubscribe-link']).toBe('Add <a href="{{unsubscribe_url}}">إلغاء الاشتراك</a> with a link that works in one step.');
    expect(found['require-preferences-link']).toBe('Add <a href="{{preferences_url}}">تفضيلات البريد</a> next to the unsubscribe link.');
    expect(found['require-explanation']).toBe('Add a sentence such as "تصلك هذه الرسالة لأنك فعّلت التوصيات في حسابك." or a link that says why.');
  });

  it('so does one whose copy is mostly Arabic, without lang', async () => {
    const found = await suggestions(`${P}<p>لاحظنا أنك شاهدت مؤخراً {{last_viewed_product}} من Nike</p>`);
    expect(found['require-unsubscribe-link']).toContain('إلغاء الاشتراك');
    expect(found['no-surveillance-phrasing']).toContain('اخترنا لك');
  });

  it('an English email keeps English words, and an English phrase in an Arabic email its own suggestion', async () => {
    const english = await suggestions(`${P}<p>Back in stock: {{last_viewed_product}}</p>`);
    expect(english['require-unsubscribe-link']).toBe('Add <a href="{{unsubscribe_url}}">Unsubscribe</a> with a link that works in one step.');
    expect(english['require-explanation']).toBe(
      'Add a sentence such as "You\'re receiving this because you turned on recommendations in your account." or a "Why am I seeing this?" link.',
    );
    const mixed = await suggestions(`${P}<html lang="ar"><body><p>مرحبا! We noticed you liked {{last_viewed_product}}</p></body></html>`);
    expect(mixed['no-surveillance-phrasing']).toContain('"Picked for you"');
  });
});
