import type { LexiconEntry } from './lexicon.js';

/** Regional presets: which categories count as special (see model/categories.ts). */
export const PRESETS = ['gdpr', 'cpra', 'pdpl-sa'] as const;
export type Preset = (typeof PRESETS)[number];

/** How a custom helper treats its arguments. */
export const HELPER_KINDS = ['format', 'condition', 'link', 'no-data'] as const;
export type HelperKind = (typeof HELPER_KINDS)[number];

export const RULE_LEVELS = ['off', 'info', 'warning', 'error'] as const;
export type RuleLevel = (typeof RULE_LEVELS)[number];

export interface RuleSetting {
  level?: RuleLevel | undefined;
  options: Readonly<Record<string, unknown>>;
}

/** The score above which an email is held even without an error finding (`max-score`). */
export const DEFAULT_MAX_SCORE = 74;

/** What the engine takes from a configuration file; every part has a default. */
export interface EngineSettings {
  preset: Preset;
  /** An email scoring above this is held (`max-score`, `--max-score`). */
  maxScore: number;
  rules: ReadonlyMap<string, RuleSetting>;
  helpers: ReadonlyMap<string, HelperKind>;
  /** Partial names registered differently from their file names: name → path under a partials folder. */
  partialNames: ReadonlyMap<string, string>;
  /** Lexicon entries added by the configuration, on top of the built-in lexicon. */
  lexicon: readonly LexiconEntry[];
}

export const DEFAULT_SETTINGS: EngineSettings = {
  preset: 'gdpr',
  maxScore: DEFAULT_MAX_SCORE,
  rules: new Map(),
  helpers: new Map(),
  partialNames: new Map(),
  lexicon: [],
};
