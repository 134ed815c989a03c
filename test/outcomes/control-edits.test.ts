import { describe, expect, it } from 'vitest';
import { HANDLEBARS_TRIM } from '../../src/outcomes/control/handlebars/tags.js';
import { LIQUID_TRIM } from '../../src/outcomes/control/liquid/tags.js';
import { withWhitespaceControl } from '../../src/outcomes/control/whitespace-control.js';
import { applyEdits } from '../../src/outcomes/control/text-edits.js';

describe('the control twin: applying edits to a template text', () => {
  it('replaces the ranges it is given and keeps everything else exactly', () => {
    const edited = applyEdits('Hi {{first_name}}, welcome.', [{ start: 3, end: 17, text: 'there' }], { dropEmptiedLines: true });
    expect(edited.text).toBe('Hi there, welcome.');
    expect([0, 3, 10, 17, 18].map((offset) => edited.mapOffset(offset))).toEqual([0, 3, 3, 8, 9]);
  });

  it('drops edits inside a range that is deleted, and joins deletions that overlap', () => {
    const text = 'a{{#if x}}{{y}}{{/if}}b';
    expect(
      applyEdits(
        text,
        [
          { start: 1, end: 22, text: '' },
          { start: 10, end: 15, text: 'z' },
        ],
        { dropEmptiedLines: false },
      ).text,
    ).toBe('ab');
    expect(
      applyEdits(
        '0123456789',
        [
          { start: 2, end: 6, text: '' },
          { start: 4, end: 8, text: '' },
        ],
        { dropEmptiedLines: false },
      ).text,
    ).toBe('0189');
    expect(() =>
      applyEdits(
        '0123456789',
        [
          { start: 2, end: 6, text: 'x' },
          { start: 4, end: 8, text: 'y' },
        ],
        { dropEmptiedLines: false },
      ),
    ).toThrow(/overlapping edits/u);
  });

  it('puts an insertion before a replacement that starts at the same place', () => {
    const edited = applyEdits(
      '<p>{{a}}</p>',
      [
        { start: 3, end: 8, text: 'there' },
        { start: 3, end: 3, text: '{{!-- note --}}' },
      ],
      { dropEmptiedLines: true },
    );
    expect(edited.text).toBe('<p>{{!-- note --}}there</p>');
  });

  it('removes a line that a deletion left blank, as Handlebars drops a standalone tag, and no other', () => {
    const text = '<ul>\n\n  {{#if x}}\n  <li>x</li>\n  {{/if}}\n</ul>\n  {{#if y}}y{{/if}}';
    const block = { start: text.indexOf('{{#if x}}'), end: text.indexOf('{{/if}}') + '{{/if}}'.length, text: '' };
    const last = { start: text.indexOf('{{#if y}}'), end: text.length, text: '' };
    expect(applyEdits(text, [block, last], { dropEmptiedLines: true }).text).toBe('<ul>\n\n</ul>');
    expect(applyEdits(text, [block, last], { dropEmptiedLines: false }).text).toBe('<ul>\n\n  \n</ul>\n  ');
  });

  it('removes the first line of a text when a deletion left it blank, also where the text after it starts with a line end', () => {
    const text = '{% case x %}{% else %}\n  <p>B</p>\n{% endcase %}\nrest';
    const edits = [
      { start: 0, end: text.indexOf('\n'), text: '' },
      { start: text.indexOf('{% endcase %}'), end: text.indexOf('\nrest'), text: '' },
    ];
    expect(applyEdits(text, edits, { dropEmptiedLines: true }).text).toBe('  <p>B</p>\nrest');
  });

  it("takes the whitespace Liquid's `-` stripped along with its tag, in tags and outputs", () => {
    const text = 'Hi {%- if a -%} x {%- endif %}!\n{{- b -}}  .';
    const open = { start: 3, end: 15, text: '' };
    const close = { start: 18, end: 30, text: '' };
    const output = { start: text.indexOf('{{-'), end: text.indexOf('-}}') + 3, text: 'y' };
    expect(applyEdits(text, withWhitespaceControl(text, [open, close, output], LIQUID_TRIM), { dropEmptiedLines: false }).text).toBe('Hix!y.');
  });

  it('takes the whitespace a `~` stripped along with its tag, never into the next edit, and never with an insertion', () => {
    const text = 'Hi {{a~}} \n {{~b}}!';
    const a = { start: 3, end: 9, text: 'x' };
    const b = { start: 12, end: 18, text: 'y' };
    const edits = withWhitespaceControl(text, [b, a], HANDLEBARS_TRIM);
    expect(applyEdits(text, edits, { dropEmptiedLines: false }).text).toBe('Hi xy!');
    const insertion = { start: 12, end: 12, text: '{{!-- note --}}' };
    expect(withWhitespaceControl(text, [insertion], HANDLEBARS_TRIM)).toEqual([insertion]);
  });
});
