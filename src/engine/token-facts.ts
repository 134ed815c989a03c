import type { DataMap } from '../model/datamap.js';
import { consentState, type Profile } from '../model/profile.js';
import type { Preset } from '../model/settings.js';
import { PLACEMENTS, SECTION_PLACEMENT, type Placement, type Source } from '../model/vocabulary.js';
import type { TokenFact } from '../rules/rule.js';
import type { Placements } from '../template/layout.js';
import { USE_MISSING, USE_REACHED } from '../template/trace-recorder.js';
import type { TokenUse } from '../template/uses.js';
import { describeField } from './field-lookup.js';
import type { PreparedTemplate } from './prepare.js';

/** What one recipient's render says of each use: whether it was reached, missing, printed an exact time, and where it landed. */
export interface RecipientTrace {
  flags: Uint8Array;
  exact: Uint8Array;
  placements: Placements;
}

export interface TokenFactInput {
  uses: readonly TokenUse[];
  dataMap: DataMap | undefined;
  /** This recipient's own sources, by field path. */
  sources: ReadonlyMap<string, Source>;
  templatePurposes: readonly string[];
  isAllowed: (purpose: string) => boolean;
  preset: Preset;
  /** Absent when checked without a profile: then every use counts, placed by its section. */
  trace?: RecipientTrace | undefined;
}

const CONDITION: readonly Placement[] = ['condition'];

/** What the token facts need of the template and the recipient, besides the render. */
export function tokenFactsInput(prepared: PreparedTemplate, profile: Profile | undefined, sources: ReadonlyMap<string, Source>, now: Date): Omit<TokenFactInput, 'trace'> {
  const dataMap = prepared.dataMap;
  return {
    uses: prepared.analysis.uses,
    dataMap,
    sources,
    templatePurposes: prepared.source.purposes,
    preset: prepared.settings.preset,
    isAllowed: (purpose: string): boolean => {
      const basis = dataMap?.purposes.get(purpose)?.basis;
      if (basis === undefined) return false;
      return basis !== 'consent' || !profile || consentState(profile, purpose, now) === 'granted';
    },
  };
}

/** Join each token use with the data map, the recipient's overrides and consent, and where it landed. */
export function buildTokenFacts(input: TokenFactInput): TokenFact[] {
  const facts: TokenFact[] = [];
  for (const use of input.uses) {
    const description = describeField(use.field, input.dataMap, input.preset);
    const spec = description.spec;
    let placements: readonly Placement[];
    let missing = false;
    let exact = false;
    if (input.trace) {
      const flags = input.trace.flags[use.id] ?? 0;
      if ((flags & USE_REACHED) === 0) continue;
      // Evaluated but never printed: it only decided what is shown.
      placements = sortPlacements(input.trace.placements.get(use.id));
      // A printed value that came out empty, or a condition on a value this recipient lacks, reveals nothing.
      missing = (flags & USE_MISSING) !== 0;
      exact = input.trace.exact[use.id] === 1;
    } else {
      placements = [use.kind === 'condition' || use.kind === 'iteration' ? 'condition' : SECTION_PLACEMENT[use.section]];
    }
    const purposes = spec?.purposes ?? [];
    const sharedPurposes = purposes.filter((purpose) => input.templatePurposes.includes(purpose));
    const override = input.sources.get(use.field) ?? (spec ? input.sources.get(spec.path) : undefined);
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
      exact,
    });
  }
  return facts;
}

function sortPlacements(placements: ReadonlySet<Placement> | undefined): readonly Placement[] {
  if (!placements || placements.size === 0) return CONDITION;
  return PLACEMENTS.filter((placement) => placements.has(placement));
}
