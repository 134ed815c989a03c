import type { DataMap } from '../model/datamap.js';
import type { SourceRange } from '../model/location.js';
import type { ConsentState } from '../model/profile.js';
import type { Severity } from '../model/severity.js';
import type { Basis, Placement, Section, Source } from '../model/vocabulary.js';
import type { LexiconEntry } from '../model/lexicon.js';
import type { Directive } from '../template/directives.js';
import type { SourceText } from '../template/source.js';
import type { ControlKind, LinkState } from '../copy/control-links.js';
import type { BranchPoint } from '../template/language.js';
import type { TemplateProblem, TokenUse } from '../template/uses.js';

/** One token use, with what the data map and this recipient's render say about it. */
export interface TokenFact {
  use: TokenUse;
  field: string;
  /** The data map describes the field (itself, an ancestor, or its children). */
  known: boolean;
  category: string | undefined;
  special: boolean;
  /** 0–1, from score/weights.ts or the data map's override. */
  sensitivity: number;
  /** After this recipient's per-person override. */
  source: Source | undefined;
  /** Purposes the data map lets this field serve. */
  purposes: readonly string[];
  /** Where the value landed for this recipient, most visible first; empty when not rendered. */
  placements: readonly Placement[];
  /** The template's purposes this field may serve. */
  sharedPurposes: readonly string[];
  /** Shared purposes this recipient allows (basis other than consent, or consent granted). */
  allowedPurposes: readonly string[];
  /** A printed value came out empty for this recipient (or a condition read nothing). */
  missing: boolean;
  /** A value it printed for this recipient reads as an exact moment ("at 9:41"). */
  exact: boolean;
}

/** A lexicon phrase in the email a reader sees. */
export interface CopyMatch {
  entry: LexiconEntry;
  phrase: string;
  /** Observed, inferred or third-party data is printed within a few words of it. */
  besideUndeclared: boolean;
}

/** A recipient's value that names a special category by itself (a purchase "home HIV test"). */
export interface RevealingValue {
  entry: LexiconEntry;
  /** The token uses whose values hold the term. */
  useIds: readonly number[];
  /** Where it shows. */
  section: Section;
}

/** What the words and links of one recipient's email say. */
export interface CopyFacts {
  surveillance: readonly CopyMatch[];
  sensitive: readonly CopyMatch[];
  /** Terms naming a special category in the recipient's own values. */
  revealing: readonly RevealingValue[];
  transparency: readonly CopyMatch[];
  links: Readonly<Record<ControlKind, LinkState>> & { readonly privacyNotice: LinkState };
  /**
   * The email's language (its markup's `lang`, else the script of its copy), the same for
   * every recipient of a layout. Every lexicon entry is matched whatever it is; a rule
   * that suggests words of its own takes them from an entry in this language.
   */
  language: string | undefined;
}

/** Everything rules may look at for one email and one recipient. */
export interface EmailFacts {
  template: string;
  purposes: readonly string[];
  purposesRange: SourceRange;
  dataMap: DataMap | undefined;
  /** The email is judged for a recipient (else the template on its own). */
  hasProfile: boolean;
  basisOf(purpose: string): Basis | undefined;
  /** Consent for a purpose; undefined when no profile was given. */
  consentOf(purpose: string): ConsentState | undefined;
  /** Token uses this recipient gets (all of them when checked without a profile). */
  tokens: readonly TokenFact[];
  problems: readonly TemplateProblem[];
  /** `creeplint-disable…` comments in the template and its partials. */
  directives: readonly Directive[];
  /** Valid suppressions that suppressed nothing (known only after the other rules ran). */
  unusedDirectives: readonly Directive[];
  /** Every registered rule id, for checking the ids directives name. */
  knownRuleIds: readonly string[];
  /** What the words and links a reader sees say; undefined when the email did not render. */
  copy: CopyFacts | undefined;
  /** The built-in lexicon and the configuration's entries. */
  lexicon: readonly LexiconEntry[];
  /** The template's and its partials' source texts, to place copy findings. */
  texts: readonly { file: string; source: SourceText }[];
  /** Purposes whose consent the template checks itself with `{{#ifConsent}}`. */
  consentGuards: ReadonlySet<string>;
  /** Where the template chooses what to show; a token use names the arms it sits in (`TokenUse.arms`). */
  branches: readonly BranchPoint[];
}

/** What a rule reports; the engine adds severity defaults, locations, points and the docs link. */
export interface Report {
  message: string;
  why: string;
  suggestion: string;
  token?: TokenFact | undefined;
  placement?: Placement | undefined;
  /** Only where the judgement itself depends on the data (e.g. sensitive data in a URL). */
  severity?: Severity | undefined;
  /** For reports not tied to a token. */
  range?: SourceRange | undefined;
  /** For rules that count (the mosaic, phrases next to undeclared data): what the rule's formula multiplies. */
  amount?: number | undefined;
  /** Which case of the rule's formula applies, when the rule has several (`no-special-category`). */
  variant?: string | undefined;
  /**
   * What this is an intrusion of, for reports not about a field (a sensitive category
   * named in copy): reports with the same key count once. Token reports are grouped by
   * their field's record and category.
   */
  intrusion?: string | undefined;
  /** A credit: this share comes off the weight of these rules' findings on these fields. */
  credit?: { share: number; rules: readonly string[]; fields: readonly string[] } | undefined;
}

/** What a rule is about. `correctness` and `suppressions` are about the template as written; the rest about personal data. */
export const RULE_CATEGORY_NAMES = [
  'consent',
  'purpose-limitation',
  'provenance',
  'sensitive-data',
  'exposure',
  'intrusiveness',
  'copy',
  'transparency',
  'control',
  'correctness',
  'suppressions',
] as const;
export type RuleCategory = (typeof RULE_CATEGORY_NAMES)[number];

export interface RuleMeta {
  id: string;
  /** "Disallow…" or "Require…". */
  description: string;
  defaultSeverity: Severity;
  /** What the rule is about: reports group rules by it (SARIF's `tags`, which code scanning filters alerts by). */
  category: RuleCategory;
  /**
   * How intrusive one report is on its own, 0–100 (docs/scoring.md gives every
   * formula). `none` for rules that say the email cannot be judged (a parse error, an
   * unused suppression) rather than how it feels. Never read from the configured level.
   */
  weight: ((report: Report) => number) | 'none';
  /**
   * The options the rule takes, as a JSON Schema (ESLint's `meta.schema`): the
   * configuration is validated against it, and the config schema's `rules` section and
   * the doc's "Options" are generated from it (scripts/generate-schemas.mjs). A rule that
   * takes none leaves it out, and any option given to it is an error.
   */
  options?: RuleOptionsSchema | undefined;
}

/** One option: its JSON Schema, with the description and default the docs show. */
export interface RuleOptionSchema {
  type: 'number' | 'integer' | 'string' | 'boolean';
  description: string;
  default: number | string | boolean;
  minimum?: number | undefined;
  maximum?: number | undefined;
  enum?: readonly (number | string)[] | undefined;
}

/** The options a rule takes: an object of named options, nothing else allowed. */
export interface RuleOptionsSchema {
  type: 'object';
  additionalProperties: false;
  properties: Readonly<Record<string, RuleOptionSchema>>;
}

/** A rule's options from the configuration file (`rules: { id: [level, options] }`), valid against its `meta.options`. */
export type RuleOptions = Readonly<Record<string, unknown>>;

export interface Rule {
  meta: RuleMeta;
  check(facts: EmailFacts, options: RuleOptions): Report[];
}

/** The placement shown in a token's finding: its most visible one. */
export function mainPlacement(token: TokenFact): Placement | undefined {
  return token.placements[0];
}

export function isPersonal(token: TokenFact): boolean {
  return token.source !== 'system' && !(token.category ?? '').startsWith('system');
}

/** The value reached the email for this recipient (printed with content, or deciding what is shown). */
export function isRevealed(token: TokenFact): boolean {
  return token.placements.length > 0 && !token.missing;
}

/** Data the person did not knowingly give: observed, inferred, or from another company. */
export function isBehaviouralSource(token: TokenFact): boolean {
  return token.source === 'observed' || token.source === 'inferred' || token.source === 'third_party';
}
