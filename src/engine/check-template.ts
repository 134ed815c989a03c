import type { DataMap } from '../model/datamap.js';
import type { LintResult, TemplateReport } from '../model/finding.js';
import type { Profile } from '../model/profile.js';
import { validateProfile } from '../load/profile.js';
import type { EngineSettings } from '../model/settings.js';
import type { PartialSource } from '../template/partial-source.js';
import type { RenderLimits } from '../template/render-budget.js';
import { judgeTemplate } from './judge-template.js';
import type { TemplateLanguageName } from '../template/source.js';
import { judgeRecipient } from './judge.js';
import { prepareTemplateLoading } from './prepare.js';
import type { RenderedEmail } from './rendered-email.js';

export interface TemplateCheckInput {
  /** The path shown in reports (relative to the working directory in the CLI). */
  file: string;
  /** Where the template is on disk (mjml reads CSS and HTML includes beside it); defaults to `file`. */
  location?: string | undefined;
  text: string;
  dataMap: DataMap | undefined;
  /**
   * Profiles as a profile file holds them (plain or `JSON.parse`d objects), or already
   * loaded; an invalid one is an InputError naming it (`profiles[1]`). None: the template
   * is checked on its own, every token use counted.
   */
  profiles: readonly (Profile | object)[];
  partials: PartialSource;
  now: Date;
  /** From the configuration file: rule levels and options, custom helpers, the regional preset, the maximum score. */
  settings?: Partial<EngineSettings> | undefined;
  /** Judge for these purposes instead of those in the template's front matter. */
  purposes?: readonly string[] | undefined;
  /** How long one email may take to render, and how much it may print. */
  limits?: RenderLimits | undefined;
  /** The template's language, when the caller knows it; else its front matter's `language`, else its extension. */
  language?: TemplateLanguageName | undefined;
}

export interface TemplateCheck {
  results: LintResult[];
  rendered: (RenderedEmail | undefined)[];
  /** The template judged whole, with the branches the profiles reached. */
  template: TemplateReport;
}

/**
 * Prepare a template once, judge it whole (what does not depend on the recipient, over
 * every branch), then for each profile (or on its own) with the one recipient pipeline,
 * counting the branch arms the profiles took.
 */
export async function checkTemplate(input: TemplateCheckInput): Promise<TemplateCheck> {
  const profiles = input.profiles.map((entry, index) => validateProfile(entry, { file: `profiles[${index}]` }));
  const prepared = await prepareTemplateLoading(input);
  const whole = await judgeTemplate(prepared);
  const results: LintResult[] = [];
  const rendered: (RenderedEmail | undefined)[] = [];
  const taken = new Map<string, number>();
  const recipients: (Profile | undefined)[] = profiles.length > 0 ? profiles : [undefined];
  for (const profile of recipients) {
    const judged = await judgeRecipient(prepared, profile, { now: input.now, rendered: true, limits: input.limits, arms: true });
    results.push(judged.result);
    rendered.push(judged.rendered);
    for (const arm of judged.arms ?? []) taken.set(arm, (taken.get(arm) ?? 0) + 1);
  }
  const branches = prepared.analysis.branches.map((point) => ({
    file: point.range.file,
    line: point.range.start.line,
    column: point.range.start.column,
    kind: point.kind,
    arms: point.arms.map((arm, index) => ({ arm, profiles: taken.get(`${point.id}:${index}`) ?? 0 })),
  }));
  return { results, rendered, template: { template: prepared.source.file, findings: [...whole.findings], branches, profiles: profiles.length } };
}
