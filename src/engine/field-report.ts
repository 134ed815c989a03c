import type { DataMap } from '../model/datamap.js';
import type { FieldReport } from '../model/finding.js';
import { PLACEMENTS, USE_KINDS, type Placement, type UseKind } from '../model/vocabulary.js';
import type { TokenFact } from '../rules/rule.js';
import { compareText } from '../model/text-order.js';

/** The fields an email reads, with how and where: what a sender must pass, and nothing more. */
export function reportFields(tokens: readonly TokenFact[], dataMap: DataMap | undefined): FieldReport[] {
  const byField = new Map<string, { token: TokenFact; uses: Set<UseKind>; placements: Set<Placement> }>();
  for (const token of tokens) {
    const entry = byField.get(token.field) ?? { token, uses: new Set<UseKind>(), placements: new Set<Placement>() };
    entry.uses.add(token.use.kind);
    for (const placement of token.placements) entry.placements.add(placement);
    byField.set(token.field, entry);
  }
  return [...byField.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([field, entry]) => {
      // A role belongs to the link the data map names, not to what sits around or under it.
      const role = dataMap?.fields.get(field)?.role;
      return {
        field,
        category: entry.token.category ?? null,
        source: entry.token.source ?? null,
        purposes: [...entry.token.purposes],
        ...(role === undefined ? {} : { role }),
        uses: USE_KINDS.filter((kind) => entry.uses.has(kind)),
        placements: PLACEMENTS.filter((placement) => entry.placements.has(placement)),
      };
    });
}
