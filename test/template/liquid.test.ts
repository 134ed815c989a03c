import { describe, expect, it } from 'vitest';
import { judgeRecipient } from '../../src/engine/judge.js';
import { prepareTemplate, type PreparedTemplate } from '../../src/engine/prepare.js';
import { validateProfile } from '../../src/load/profile.js';
import { hasHollowMarkers, markedUseIds } from '../../src/template/markers.js';
import type { PartialSource } from '../../src/template/partial-source.js';
import { RenderBudget } from '../../src/template/render-budget.js';
import { DATA_MAP, FIXED_NOW } from '../support.js';
import { loadTemplateLanguage } from '../../src/template/languages.js';

// prepareTemplate is synchronous: Liquid is imported first, as the library's entry and lint() do.
await loadTemplateLanguage('liquid');

function prepared(text: string, partials: Record<string, string> = {}, helpers: Record<string, 'format' | 'condition' | 'link' | 'no-data'> = {}): PreparedTemplate {
  const source: PartialSource = {
    byName: (name) => {
      const text = partials[name];
      return text === undefined ? undefined : { file: `partials/${name}`, source: { text, origin: { line: 1, column: 1 } } };
    },
    byInclude: () => undefined,
  };
  return prepareTemplate({ file: 'email.liquid', text, dataMap: DATA_MAP, partials: source, settings: { helpers: new Map(Object.entries(helpers)) } });
}

function uses(template: PreparedTemplate): string[] {
  return template.analysis.uses.map(
    (use) =>
      `${use.field} ${use.kind}${use.helper ? ` (${use.helper})` : ''} ${use.range.start.line}:${use.range.start.column}${use.consentGuards ? ` [${use.consentGuards.join(',')}]` : ''}`,
  );
}

function render(template: PreparedTemplate, data: unknown, consent: Record<string, boolean> = {}, arms = false) {
  const outcome = template.renderer.render(data, consent, { hollow: false, budget: RenderBudget.unlimited(), arms });
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.render;
}

function printedFields(template: PreparedTemplate, data: unknown, consent: Record<string, boolean> = {}): string[] {
  const body = render(template, data, consent).sections.body ?? '';
  return markedUseIds(body).map((ids) => ids.map((id) => template.analysis.uses.find((use) => use.id === id)?.field).join('+'));
}

describe('Liquid token uses', () => {
  it('traces loop items, forloop, conditions and case to fields, at their line and column', () => {
    const template = prepared(
      '{% for item in order.items %}{{ item.name }} {{ forloop.index }}{% endfor %}\n{% if last_viewed_product == "x" and income_band %}A{% elsif predicted_pregnancy %}B{% endif %}\n{% case first_name %}{% when "Ana" %}C{% endcase %}',
    );
    expect(uses(template)).toEqual([
      'order.items iteration 1:16',
      'order.items[].name print 1:33',
      'last_viewed_product condition 2:7',
      'income_band condition 2:38',
      'predicted_pregnancy condition 2:62',
      'first_name condition 3:9',
    ]);
  });

  it('reads `size`, `first`, `last` and indexes as the list they read', () => {
    const template = prepared('{{ order.items.size }} {{ order.items.first.name }} {{ order.items[0].price }} {{ order.items.last }}');
    expect(uses(template).map((use) => use.split(' ')[0])).toEqual(['order.items', 'order.items[].name', 'order.items[].price', 'order.items[]']);
  });

  it('treats `default` as a fallback and other filters as printing their input transformed', () => {
    const template = prepared('{{ first_name | default: last_name | upcase }} {{ order.total | append: store_name }} {{ last_seen_at | date: "%H:%M" }}');
    expect(uses(template)).toEqual([
      'first_name print 1:4',
      'last_name print (default) 1:26',
      'order.total print 1:51',
      'store_name helper-arg (append) 1:73',
      'last_seen_at print 1:90',
    ]);
    expect(render(template, { first_name: 'ana', order: { total: '£5' }, store_name: 'Shop', last_seen_at: '2026-11-27T21:41:00Z' }).slots.map((slot) => slot.value)).toEqual([
      'ANA',
      '£5Shop',
      '21:41',
    ]);
  });

  it('keeps the provenance of an assigned or captured value wherever it is printed, and only of the assignment that ran', () => {
    const template = prepared(
      '{% if consent.personalisation %}{% assign pick = last_viewed_product %}{% else %}{% assign pick = "our bestsellers" %}{% endif %}{% capture hello %}Hi {{ first_name }}{% endcapture %}<p>{{ pick }}</p><p>{{ hello }}</p>',
    );
    expect(uses(template)).toEqual(['last_viewed_product print 1:190 [personalisation]', 'first_name print 1:207']);
    expect(printedFields(template, { last_viewed_product: 'Shoes', first_name: 'Ana' }, { personalisation: true })).toEqual(['last_viewed_product', 'first_name']);
    // Without consent the other assignment ran: what is printed holds no field.
    expect(printedFields(template, { last_viewed_product: 'Shoes', first_name: 'Ana' }, { personalisation: false })).toEqual(['first_name']);
  });

  it('judges a captured field that printed nothing as missing, though the capture has other words', async () => {
    const template = prepared(
      '---\npurpose: marketing\n---\n{% capture hello %}Hi {{ first_name }}{% endcapture %}<p>{{ hello }},</p><a href="{{ unsubscribe_url }}">Unsubscribe</a>',
    );
    const profile = validateProfile(
      { id: 'p', data: { unsubscribe_url: 'https://x.example/u' }, consent: { marketing: { granted: true, at: '2026-01-01T00:00:00Z' } } },
      { file: 'p' },
    );
    const judged = await judgeRecipient(template, profile, { now: FIXED_NOW });
    expect(judged.result.findings.filter((finding) => finding.ruleId === 'require-fallback').map((finding) => finding.field)).toEqual(['first_name']);
  });

  it('follows render and include partials with their parameters, each in its own scope', () => {
    const template = prepared("{% render 'card', item: order.items.first, shop: store_name %}{% include 'footer' %}", {
      'card.liquid': '{{ item.name }} at {{ shop }} for {{ first_name }}',
      'footer.liquid': '{{ unsubscribe_url }}',
    });
    // `render` sees only its parameters: `first_name` is nil there, as in Liquid.
    expect(uses(template).map((use) => use.split(' ').slice(0, 2).join(' '))).toEqual(['order.items[].name print', 'store_name print', 'unsubscribe_url print']);
    expect(template.analysis.problems).toEqual([]);
  });

  it('reports a partial that is not there, or named by a variable, where it is called', () => {
    const template = prepared("{% render 'nope' %}\n{% render name %}");
    expect(template.analysis.problems.map((problem) => `${problem.ruleId} ${problem.range.start.line}:${problem.range.start.column} ${problem.message}`)).toEqual([
      'no-missing-partial 1:1 partial `nope` was not found',
      'no-missing-partial 2:1 a dynamic partial name cannot be traced; its content is not checked',
    ]);
  });

  it('reports a partial that renders itself with nothing to stop it', () => {
    const template = prepared("{% render 'loop' %}", { 'loop.liquid': "{{ first_name }}{% render 'loop' %}" });
    expect(template.analysis.problems.map((problem) => problem.ruleId)).toEqual(['render-error']);
  });

  it('makes unknown filters and tags stand-ins, as their configured kind says', () => {
    const unknown = prepared('{{ order.total | money }}\n{% form "contact" %}x{% endform %}');
    expect(unknown.analysis.problems.map((problem) => `${problem.ruleId} ${problem.range.start.line}:${problem.range.start.column} ${problem.subject}`)).toEqual([
      'no-unknown-helper 1:18 money',
      'no-unknown-helper 2:1 form',
    ]);
    const declared = prepared(
      '{{ order.total | money }}{{ first_name | t }}{% vip income_band %}V{% else %}N{% endvip %}',
      {},
      { money: 'format', t: 'no-data', vip: 'condition' },
    );
    expect(declared.analysis.problems).toEqual([]);
    expect(uses(declared).map((use) => use.split(' ').slice(0, 2).join(' '))).toEqual(['order.total print', 'income_band condition']);
    expect(render(declared, { order: { total: '£5' }, first_name: 'Ana', income_band: 'high' }).sections.body).toContain('V');
    expect(render(declared, { order: { total: '£5' }, first_name: 'Ana' }).sections.body).toMatch(/N$/u);
  });

  it('reads Braze attribute syntax as the attributes it names', () => {
    const template = prepared('Hi {{${first_name}}}, tier {{custom_attribute.${loyalty_tier}}} ({{${first_name} | default: "you"}}).');
    expect(uses(template)).toEqual(['first_name print 1:4', 'loyalty_tier print 1:28', 'first_name print 1:66']);
    expect(render(template, { first_name: 'Ana', loyalty_tier: 'gold' }).sections.body?.replace(/[\uF8E0-\uF8F3]/gu, '')).toBe('Hi Ana, tier gold (Ana).');
  });

  it("never fetches Braze's connected content: what it sends is read, what it saves is third-party data", () => {
    const template = prepared('{% connected_content https://api.example/offer?id={{${email}}} :save offer %}{{ offer.title }}');
    expect(template.analysis.uses.map((use) => `${use.field} ${use.kind} ${use.fetched === true}`)).toEqual(['email helper-arg false', 'offer.title print true']);
    expect(render(template, { email: 'a@b.example' }).sections.body?.replace(/[\uF8E0-\uF8F3]/gu, '')).toBe('');
  });

  it('gives parse errors in Liquid’s words at their line and column in the file', () => {
    const template = prepared('---\npurpose: marketing\n---\n<p>Hi</p>\n{% if first_name %}\n<p>never closed</p>');
    expect(template.analysis.problems.map((problem) => `${problem.ruleId} ${problem.range.start.line}:${problem.range.start.column} ${problem.message}`)).toEqual([
      'parse-error 5:1 tag {% if first_name %} not closed',
    ]);
  });

  it('reads suppressions from Liquid comments, block and inline', () => {
    const template = prepared(
      '{% comment %} creeplint-disable-next-line no-undeclared-source -- chosen by the reader {% endcomment %}\n{{ last_viewed_product }}\n{% # creeplint-disable no-sensitive-data -- a store they picked %}',
    );
    expect(template.analysis.directives.map((directive) => `${directive.kind} ${directive.rules.join(',')} ${directive.reason} ${directive.range.start.line}`)).toEqual([
      'disable-next-line no-undeclared-source chosen by the reader 1',
      'disable no-sensitive-data a store they picked 3',
    ]);
  });
});

describe('Liquid truthiness', () => {
  it('shows 0 and "" as true, and hides only nil and false, as Liquid does', () => {
    const template = prepared('{% if income_band %}yes{% else %}no{% endif %}');
    const shown = (value: unknown) => render(template, { income_band: value }).sections.body;
    expect([0, '', [], 'high', false, null, undefined].map(shown)).toEqual(['yes', 'yes', 'yes', 'yes', 'no', 'no', 'no']);
  });

  it('counts a condition on a value the recipient lacks as missing, and one they have as reached', () => {
    const template = prepared('{% if income_band %}yes{% endif %}');
    const flags = (value: unknown) => render(template, { income_band: value }).flags[1];
    expect([flags('high'), flags(0), flags(null), flags(false)]).toEqual([1, 1, 3, 3]);
  });
});

describe('Liquid branch points', () => {
  it('names each arm in the template’s words, with the implicit else', () => {
    const template = prepared(
      '{% if vip %}A{% elsif diagnosis %}B{% endif %}{% unless tier %}C{% endunless %}{% for i in items %}{{ i }}{% endfor %}{% case tier %}{% when "gold", "silver" %}D{% endcase %}',
    );
    expect(template.analysis.branches.map(({ id, kind, arms, range }) => ({ id, kind, arms, column: range.start.column }))).toEqual([
      { id: 1, kind: 'if', arms: ['if vip', 'elsif diagnosis', 'else'], column: 1 },
      { id: 2, kind: 'unless', arms: ['unless tier', 'else'], column: 47 },
      { id: 3, kind: 'for', arms: ['for i in items', 'else (no items)'], column: 80 },
      { id: 4, kind: 'case', arms: ['case tier: when "gold", "silver"', 'else'], column: 119 },
    ]);
  });

  it('records the arms a recipient takes, only when asked, without changing the email', () => {
    const template = prepared(
      '{% if vip %}A{% elsif diagnosis %}B{% endif %}{% unless tier %}C{% endunless %}{% for i in items %}{{ i }}{% else %}none{% endfor %}{% case tier %}{% when "gold" %}D{% endcase %}',
    );
    const arms = (data: unknown) => [...render(template, data, {}, true).arms].sort();
    expect(arms({ vip: true, items: [1], tier: 'gold' })).toEqual(['1:0', '2:1', '3:0', '4:0']);
    expect(arms({ diagnosis: 'x' })).toEqual(['1:1', '2:0', '3:1', '4:1']);
    expect(arms({})).toEqual(['1:2', '2:0', '3:1', '4:1']);
    expect(render(template, { vip: true }).arms.size).toBe(0);
    expect(render(template, { vip: true }, {}, true).sections).toEqual(render(template, { vip: true }).sections);
  });

  it('lays every arm out in the outline, partials where they are called, a capture where it is printed', () => {
    const template = prepared(
      "{% if vip %}{{ first_name }}{% else %}{% render 'footer' %}{% endif %}{% capture x %}{{ email }}{% endcapture %}{% for i in order.items %}{{ i.name }}{% endfor %}",
      { 'footer.liquid': 'Bye {{ last_name }}' },
    );
    const outline = template.analysis.outline.body ?? '';
    expect(markedUseIds(outline).map((ids) => ids.map((id) => template.analysis.uses.find((use) => use.id === id)?.field).join('+'))).toEqual(['first_name', 'order.items[].name']);
  });
});

describe("Braze's fetched data in the judgement", () => {
  const text =
    '---\npurpose: marketing\n---\n{% connected_content https://api.example/offer?id={{${email}}} :save offer %}<p>{{ offer.title }}</p><a href="{{ unsubscribe_url }}">Unsubscribe</a> <a href="{{ preferences_url }}">Email preferences</a>';
  const recipient = validateProfile(
    {
      id: 'p',
      data: { email: 'a@b.example', offer: { title: 'Half price' }, unsubscribe_url: 'https://x.example/u', preferences_url: 'https://x.example/p' },
      consent: { marketing: { granted: true, at: '2026-01-01T00:00:00Z' } },
    },
    { file: 'p' },
  );

  it('judges what connected content saved as data from a third party, not as an unknown field', async () => {
    const template = prepareTemplate({ file: 'email.liquid', text, dataMap: DATA_MAP, partials: { byName: () => undefined, byInclude: () => undefined } });
    const { result } = await judgeRecipient(template, recipient, { now: FIXED_NOW });
    expect(result.findings.filter((finding) => finding.field === 'offer.title').map((finding) => `${finding.ruleId} ${finding.severity} ${finding.source}`)).toEqual([
      'no-undeclared-source warning third_party',
    ]);
  });

  it('lets the data map say otherwise', async () => {
    const declared = {
      ...DATA_MAP,
      fields: new Map([
        ...DATA_MAP.fields,
        ['offer', { path: 'offer', declaredCategory: 'system.operations', category: 'system.operations', source: 'system' as const, purposes: [] }],
      ]),
    };
    const template = prepareTemplate({ file: 'email.liquid', text, dataMap: declared, partials: { byName: () => undefined, byInclude: () => undefined } });
    const { result } = await judgeRecipient(template, recipient, { now: FIXED_NOW });
    expect(result.findings.filter((finding) => finding.field === 'offer.title')).toEqual([]);
  });
});

describe('what a hollow Liquid render leaves out', () => {
  // Liquid never escapes: what it prints is the email. A value is left out of the layout
  // (hollow) only where it cannot change it: in text, or holding no character HTML reads as markup.
  const template = prepared('---\nsubject: "Hi {{ first_name }}"\n---\n<p>{{ first_name }}</p><p>{{ first_name | escape }}</p>');
  const hollow = (name: string) => {
    const outcome = template.renderer.render({ first_name: name }, {}, { hollow: true, budget: RenderBudget.unlimited() });
    if (!outcome.ok) throw new Error(outcome.message);
    const { sections } = outcome.render;
    return { subject: hasHollowMarkers(sections.subject ?? ''), body: sections.body?.replace(/[\uF8E0-\uF8F3]/gu, '') };
  };

  it('leaves out a plain value, in the subject and in HTML', () => {
    expect(hollow('Ana')).toEqual({ subject: true, body: '<p></p><p></p>' });
  });

  it('prints a value with markup in place, as Liquid prints it (escaped only by `escape`), and keeps it out of the subject', () => {
    expect(hollow('<b>Ana</b>')).toEqual({ subject: true, body: '<p><b>Ana</b></p><p>&lt;b&gt;Ana&lt;/b&gt;</p>' });
  });
});
