import type { DataMap } from '../model/datamap.js';
import type { Profile } from '../model/profile.js';
import type { Preset } from '../model/settings.js';
import { PLACEMENTS, type Placement, type Section } from '../model/vocabulary.js';
import type { TokenFact } from '../rules/rule.js';
import type { Placements } from '../template/place.js';
import type { UseTrace } from '../template/trace-recorder.js';
import type { TokenUse } from '../template/uses.js';
import { describeField } from './field-lookup.js';

export interface TokenFactInput {
  uses: readonly TokenUse[];
  dataMap: DataMap | undefined;
  profile: Profile | undefined;
  templatePurposes: readonly string[];
  isAllowed: (purpose: string) => boolean;
  preset: Preset;
  /** Absent when checked without a profile: then every use counts, placed by its section. */
  render?: { placements: Placements; trace: ReadonlyMap<number, UseTrace> } | undefined;
}

const SECTION_PLACEMENT: Readonly<Record<Section, Placement>> = { subject: 'subject', preheader: 'preheader', body: 'body' };

/** Join each token use with the data map, the recipient's overrides and consent, and where it landed. */
export function buildTokenFacts(input: TokenFactInput): TokenFact[] {
  const facts: TokenFact[] = [];
  for (const use of input.uses) {
    const description = describeField(use.field, input.dataMap, input.preset);
    const spec = description.spec;
    let placements: Placement[];
    let missing = false;
    let values: readonly string[] = [];
    if (input.render) {
      const trace = input.render.trace.get(use.id);
      if (!trace?.reached) continue;
      placements = sortPlacements(input.render.placements.get(use.id));
      // A printed value that came out empty, or a condition on a value this recipient lacks, reveals nothing.
      missing = trace.missing;
      values = trace.values;
    } else {
      placements = [use.kind === 'condition' || use.kind === 'iteration' ? 'condition' : SECTION_PLACEMENT[use.section]];
    }
    const purposes = spec?.purposes ?? [];
    const sharedPurposes = purposes.filter((purpose) => input.templatePurposes.includes(purpose));
    const override = input.profile?.sources.get(use.field) ?? (spec ? input.profile?.sources.get(spec.path) : undefined);
    facts.push({
      use,
      field: use.field,
      known: description.known,
      category: description.category,
      special: description.special,
      sensitivity: description.sensitivity,
      source: override ?? spec?.source,
      purposes,
      placements,
      sharedPurposes,
      allowedPurposes: sharedPurposes.filter(input.isAllowed),
      missing,
      values,
    });
  }
  return facts;
}

function sortPlacements(placements: ReadonlySet<Placement> | undefined): Placement[] {
  if (!placements) return ['condition'];
  return PLACEMENTS.filter((placement) => placements.has(placement));
}
