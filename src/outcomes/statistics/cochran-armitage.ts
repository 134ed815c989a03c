import { normalUpperTail } from './normal.js';

export interface TrendTest {
  /** Positive when the rate rises with the weight. */
  z: number;
  /** Two-sided. */
  p: number;
}

/**
 * The Cochran–Armitage test for a linear trend in proportions across ordered groups
 * (Cochran 1954; Armitage 1955): T = Σ tᵢ(rᵢ − nᵢp̄), Var T = p̄(1 − p̄)(Σ tᵢ²nᵢ − (Σ tᵢnᵢ)²/N),
 * z = T/√Var T, compared with the normal. Null when the rate or the weights do not vary.
 */
export function cochranArmitage(groups: readonly { weight: number; count: number; n: number }[]): TrendTest | null {
  const total = groups.reduce((sum, group) => sum + group.n, 0);
  const positives = groups.reduce((sum, group) => sum + group.count, 0);
  if (total === 0) return null;
  const rate = positives / total;
  const t = groups.reduce((sum, group) => sum + group.weight * (group.count - group.n * rate), 0);
  const weighted = groups.reduce((sum, group) => sum + group.weight * group.n, 0);
  const spread = groups.reduce((sum, group) => sum + group.weight * group.weight * group.n, 0) - (weighted * weighted) / total;
  const variance = rate * (1 - rate) * spread;
  if (!(variance > 0)) return null;
  const z = t / Math.sqrt(variance);
  return { z, p: Math.min(1, 2 * normalUpperTail(Math.abs(z))) };
}
