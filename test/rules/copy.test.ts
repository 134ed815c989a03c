import { profile } from '../support.js';
import { ruleTester } from './rule-tester.js';

const LINKS = '\n<p><a href="{{preferences_url}}">Email preferences</a> · <a href="{{unsubscribe_url}}">Unsubscribe</a></p>';
const AR_LINKS = '\n<p><a href="{{preferences_url}}">إدارة التفضيلات</a> · <a href="{{unsubscribe_url}}">لإلغاء الإشتراك</a></p>';
const P = '---\npurpose: [marketing, personalisation]\n---\n';

ruleTester('no-surveillance-phrasing', {
  valid: [
    { template: `${P}<p>Picked for you: new trail kit.</p>${LINKS}` },
    { name: 'hidden text is not read by the reader', template: `${P}<div style="display:none">we noticed you</div>${LINKS}` },
  ],
  invalid: [
    {
      name: 'inflected, in the subject, and next to observed data',
      template: `---\npurpose: [marketing, personalisation]\nsubject: "We noticed you"\n---\n<p>You were looking at the {{last_viewed_product}}.</p>${LINKS}`,
      findings: [
        { severity: 'warning', line: 3, column: 11 },
        { severity: 'error', line: 5, column: 4 },
      ],
    },
    {
      name: 'in an MJML title, which is the subject when the front matter gives none',
      file: 'email.mjml',
      template: `${P}<mjml><mj-head><mj-title>We noticed you</mj-title></mj-head><mj-body><mj-section><mj-column><mj-text>Hi.${LINKS}</mj-text></mj-column></mj-section></mj-body></mjml>`,
      findings: [{ severity: 'warning', line: 4, column: 26 }],
    },
    {
      name: 'inside a partial, at the partial line',
      template: `${P}{{> tracker}}${LINKS}`,
      partials: { tracker: '<p>\n  Based on your browsing, more boots.</p>' },
      findings: [{ severity: 'warning', line: 2, column: 3 }],
    },
    {
      name: 'contractions and curly apostrophes, at the words as written',
      template: `${P}<p>We noticed you’ve been busy.</p>\n<p>WE’VE SEEN THAT YOU like trails.</p>${LINKS}`,
      findings: [
        { severity: 'warning', line: 4, column: 4 },
        { severity: 'warning', line: 5, column: 4 },
      ],
    },
    {
      name: 'Arabic, with a clitic, harakat and tatweel, next to observed data',
      template: `${P}<p dir="rtl">وبـناءً على تصفّحكم: {{last_viewed_product}}</p>${AR_LINKS}`,
      findings: [{ severity: 'error', line: 4, column: 14 }],
    },
  ],
});

ruleTester('no-sensitive-implication', {
  valid: [
    { template: `${P}<p>Offers for every stage of life.</p>${LINKS}` },
    { name: 'a cardholder is not a pregnancy', template: `${P}<p>عزيزي حامل البطاقة، عروض لكل مراحل الحياة</p>${AR_LINKS}` },
  ],
  invalid: [
    {
      template: `${P}<p>Tips for managing your diabetes and your debts.</p>${LINKS}`,
      findings: [
        { severity: 'error', line: 4, column: 13 },
        { severity: 'error', line: 4, column: 40 },
      ],
    },
    {
      name: 'in Arabic',
      template: `${P}<p>نصائح خلال حملكِ، وخطط لسداد ديونك</p>${AR_LINKS}`,
      findings: [
        { severity: 'error', line: 4, column: 10 },
        { severity: 'error', line: 4, column: 33 },
      ],
    },
  ],
});

const withItems = (...names: string[]) =>
  profile({ data: { order: { number: 'A-1', items: names.map((name) => ({ name })) }, unsubscribe_url: 'https://x.example/u', preferences_url: 'https://x.example/p' } });
const SHIPPED =
  '---\npurpose: [transactional, personalisation]\nsubject: "Your {{#each order.items}}{{name}} {{/each}}has shipped"\n---\n<p>Order {{order.number}}: {{#each order.items}}<span>{{name}}</span>{{/each}}</p>';

ruleTester('no-revealing-value', {
  valid: [
    { name: 'ordinary items', template: SHIPPED, profiles: [withItems('Trail socks', 'Tent')] },
    { name: 'the template’s own words are not the reader’s data', template: `${P}<p>Free HIV tests at every branch this month.</p>${LINKS}` },
    { name: 'a word that only contains a term', template: SHIPPED, profiles: [withItems('Shivering lamp')] },
  ],
  invalid: [
    {
      name: 'a purchase named after a condition, in the subject and the body',
      template: SHIPPED,
      profiles: [withItems('Home HIV test kit')],
      findings: [
        { severity: 'error', line: 3, column: 37, field: 'order.items[].name', placement: 'subject' },
        { severity: 'error', line: 5, column: 55, field: 'order.items[].name', placement: 'body' },
      ],
    },
    {
      name: 'a religious item, in Arabic, in the body only',
      template: '---\npurpose: [transactional, personalisation]\n---\n<p dir="rtl">طلبك: {{#each order.items}}<span>{{name}}</span>{{/each}}</p>',
      profiles: [withItems('سجادة صلاة مطرزة')],
      findings: [{ severity: 'error', line: 4, column: 47, field: 'order.items[].name', placement: 'body' }],
    },
  ],
});

ruleTester('require-unsubscribe-link', {
  valid: [
    { template: `${P}<p>News</p>${LINKS}` },
    { name: 'transactional email needs none', template: '---\npurpose: transactional\n---\n<p>Order {{order.number}}</p>' },
    { name: 'a link address that says opt-out', template: `${P}<a href="https://x.example/opt-out?t=1">Stop</a> <a href="{{preferences_url}}">Email preferences</a>` },
    { name: 'a text email with the words and an address', file: 'email.txt', template: `${P}News.\nUnsubscribe: {{unsubscribe_url}}\nEmail preferences: {{preferences_url}}` },
    { name: 'Arabic link words, with لـ and the hamza some write', template: `${P}<p>جديد هذا الأسبوع</p>${AR_LINKS}` },
  ],
  invalid: [
    { template: `${P}<p>News</p>`, findings: [{ severity: 'error', line: 2, column: 1 }] },
    {
      name: 'a link that goes nowhere',
      template: `${P}<p>News <a href="#">Unsubscribe</a> <a href="{{preferences_url}}">Email preferences</a></p>`,
      findings: [{ severity: 'error', line: 2, column: 1 }],
    },
    {
      name: 'an empty value for this recipient',
      template: `${P}<p>News <a href="{{unsubscribe_url}}">Unsubscribe</a> <a href="{{preferences_url}}">Email preferences</a></p>`,
      profiles: [profile({ data: { preferences_url: 'https://x.example/p' } })],
      findings: [{ severity: 'error', line: 2, column: 1 }],
    },
  ],
});

ruleTester('require-preferences-link', {
  valid: [{ template: `${P}<p>News</p>${LINKS}` }],
  invalid: [{ template: `${P}<p>News <a href="{{unsubscribe_url}}">Unsubscribe</a></p>`, findings: [{ severity: 'warning', line: 2, column: 1 }] }],
});

ruleTester('require-explanation', {
  valid: [{ name: 'declared data needs no explanation', template: `${P}<p>Hi {{first_name}}</p>${LINKS}` }],
  invalid: [
    { name: 'missing', template: `${P}<p>Back in stock: {{last_viewed_product}}</p>${LINKS}`, findings: [{ severity: 'warning', line: 2, column: 1 }] },
    {
      name: 'present: an info finding that lowers the score',
      template: `${P}<p>Back in stock: {{last_viewed_product}}</p><p>You're receiving this because you turned on recommendations.</p>${LINKS}`,
      findings: [{ severity: 'info', line: 2, column: 1 }],
    },
    {
      name: 'a question link',
      template: `${P}<p>Back in stock: {{last_viewed_product}}</p><p><a href="https://x.example/why">Why did I get this email?</a></p>${LINKS}`,
      findings: [{ severity: 'info', line: 2, column: 1 }],
    },
    {
      name: 'in Arabic',
      template: `${P}<p>متوفر من جديد: {{last_viewed_product}}</p><p>تصلك هذه الرسالة لأنك فعّلت التوصيات.</p>${AR_LINKS}`,
      findings: [{ severity: 'info', line: 2, column: 1 }],
    },
  ],
});
