import type { DataMap } from '../model/datamap.js';
import type { LexiconEntry } from '../model/lexicon.js';
import type { Profile } from '../model/profile.js';
import { DEFAULT_SETTINGS, type EngineSettings } from '../model/settings.js';
import { builtInLexicon } from '../load/lexicon.js';
import { renderOptionsFor } from '../runtime-helpers.js';
import { analyseTemplate, type TemplateAnalysis } from '../template/analyse.js';
import type { PartialSource } from '../template/partial-source.js';
import { compileTemplate, type CompiledTemplate, type RenderOutcome, type SignatureOutcome } from '../template/render.js';
import { splitTemplateSource, templateKindOf, type TemplateSource } from '../template/source.js';
import { isKnownPath } from './field-lookup.js';

/** A template, prepared once and checked for each recipient. */
export interface PreparedTemplate {
  source: TemplateSource;
  analysis: TemplateAnalysis;
  compiled: CompiledTemplate;
  settings: EngineSettings;
  /** The built-in lexicon with the configuration's entries, merged once. */
  lexicon: readonly LexiconEntry[];
}

export function prepareTemplate(input: {
  file: string;
  text: string;
  dataMap: DataMap | undefined;
  partials: PartialSource;
  settings?: EngineSettings | undefined;
  /** The purposes to judge for, instead of the template's front matter (the studio's purpose picker). */
  purposes?: readonly string[] | undefined;
}): PreparedTemplate {
  const settings = input.settings ?? DEFAULT_SETTINGS;
  const source = splitTemplateSource(input.file, input.text, templateKindOf(input.file) ?? 'html');
  if (input.purposes) source.purposes = [...input.purposes];
  const analysis = analyseTemplate(source, {
    partials: input.partials,
    known: (segments) => isKnownPath(segments, input.dataMap),
    helpers: settings.helpers,
  });
  if (source.frontMatterProblem) {
    const { message, position } = source.frontMatterProblem;
    analysis.problems.unshift({ ruleId: 'parse-error', message, range: { file: source.file, start: position, end: position } });
  }
  const lexicon = settings.lexicon.length > 0 ? [...builtInLexicon(), ...settings.lexicon] : builtInLexicon();
  return { source, analysis, compiled: compileTemplate(analysis, settings.helpers), settings, lexicon };
}

/** Render for one recipient with the tracing render (their data, and their consent for {{#ifConsent}}). */
export function renderFor(prepared: PreparedTemplate, profile: Profile | undefined, now: Date): RenderOutcome {
  return prepared.compiled.render(profile?.data ?? {}, consentFor(profile, now));
}

/** Trace the render for one recipient without printing it: the signature a checker tells recipients apart by. */
export function signFor(prepared: PreparedTemplate, profile: Profile | undefined, now: Date): SignatureOutcome {
  return prepared.compiled.sign(profile?.data ?? {}, consentFor(profile, now));
}

function consentFor(profile: Profile | undefined, now: Date): Readonly<Record<string, boolean>> {
  return profile ? renderOptionsFor(profile, now).data.consent : {};
}
