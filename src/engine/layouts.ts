import type { Section } from '../model/vocabulary.js';
import type { TracedRender } from '../template/language.js';
import { analyseLayout, type Layout } from '../template/layout.js';
import { fillHollowSlots, filledMarker, hollowMarker } from '../template/markers.js';
import type { PrintedSlot } from '../template/trace-recorder.js';
import type { PreparedTemplate } from './prepare.js';

/** A layout and what its static parts say, worked out once and shared by its recipients. */
export interface LayoutRecord {
  layout: Layout;
  /** Per block and link: words and judgements of the parts no recipient's value changes (engine/recipient-copy.ts). */
  memo: Map<string, unknown>;
}

/**
 * The layout of one recipient's render. Some hollow values could change the structure
 * (an unquoted attribute, an mj-* attribute): the layout's analysis names them, they are
 * filled with the recipient's values, and the filled text is the layout, keyed as such.
 * Each round fills at least one slot, so this ends.
 */
export function layoutFor(prepared: PreparedTemplate, render: TracedRender): LayoutRecord | Promise<LayoutRecord> {
  const sections = render.sections;
  // Most recipients meet a layout seen before: no analysis, and no wait.
  const known = prepared.caches.settledLayout(sections.body ?? '', headKey(sections));
  if (known && 'layout' in known) return known;
  return analysedLayout(prepared, render);
}

async function analysedLayout(prepared: PreparedTemplate, render: TracedRender): Promise<LayoutRecord> {
  const { source } = prepared;
  const template = {
    kind: source.kind,
    file: source.file,
    location: prepared.location,
    body: source.body,
    hasBody: render.sections.body !== undefined,
    frontMatter: { subject: source.subject !== undefined, preheader: source.preheader !== undefined },
  };
  let sections = render.sections;
  for (let round = 0; round <= render.slots.length + 1; round += 1) {
    const current = sections;
    const outcome = await prepared.caches.layout(current.body ?? '', headKey(current), async () => {
      const analysed = await analyseLayout(template, current);
      if (analysed.kind === 'fill') return { fill: analysed.slots };
      return { layout: { ...analysed.layout, id: prepared.caches.newLayoutId() }, memo: new Map() };
    });
    if ('layout' in outcome) return outcome;
    sections = fillSlots(current, outcome.fill, render.slots);
  }
  throw new Error('a layout still had slots to fill after every slot was filled');
}

/** The subject's and preheader's part of a layout's key: absent sections differ from empty ones. */
function headKey(sections: Partial<Record<Section, string>>): string {
  return `${sections.subject ?? '\u0000'}\u0001${sections.preheader ?? '\u0000'}\u0001${sections.headers ?? '\u0000'}\u0001${sections.body === undefined ? '\u0000' : ''}`;
}

function fillSlots(sections: Partial<Record<Section, string>>, fill: ReadonlySet<number>, slots: readonly PrintedSlot[]): Partial<Record<Section, string>> {
  const filled: Partial<Record<Section, string>> = {};
  for (const [section, text] of Object.entries(sections) as [Section, string][]) {
    filled[section] = fillHollowSlots(text, (slot, open) => (fill.has(slot) ? filledMarker(open, slots[slot]?.printed ?? '') : hollowMarker(open, slot)));
  }
  return filled;
}
