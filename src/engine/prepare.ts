import { fieldPathToSegments, type DataMap, type FieldRole, type FieldSpec } from '../model/datamap.js';
import type { TokenUse } from '../template/uses.js';
import type { LexiconEntry } from '../model/lexicon.js';
import { DEFAULT_SETTINGS, type EngineSettings } from '../model/settings.js';
import type { Source } from '../model/vocabulary.js';
import { builtInLexicon } from '../load/lexicon.js';
import type { TemplateAnalysis, TemplateLanguage, TracingRenderer } from '../template/language.js';
import { loadedTemplateLanguage, loadTemplateLanguage } from '../template/languages.js';
import type { PartialSource } from '../template/partial-source.js';
import { splitTemplateSource, templateKindOf, templateLanguageOf, type TemplateLanguageName, type TemplateSource } from '../template/source.js';
import { describeField, isKnownPath } from './field-lookup.js';
import { ResultCache } from './result-cache.js';

/**
 * A template, prepared once and judged for each recipient: parsed, its token uses
 * traced to fields, its tracing render compiled, and the caches that let recipients
 * who cannot be told apart share work (layouts, results). Everything here is the same
 * for every recipient.
 */
export interface PreparedTemplate {
  source: TemplateSource;
  /** The language the template was read in (template/handlebars/, template/liquid/). */
  language: TemplateLanguageName;
  /** Where the template is on disk, for mjml's CSS and HTML includes. */
  location: string;
  analysis: TemplateAnalysis;
  renderer: TracingRenderer;
  dataMap: DataMap | undefined;
  settings: EngineSettings;
  /** The built-in lexicon with the configuration's entries, merged once. */
  lexicon: readonly LexiconEntry[];
  /** Purposes whose consent the rules read: the template's and the data map's, in a fixed order. */
  consentPurposes: readonly string[];
  /** Field paths a recipient's own `sources` may override for this template. */
  sourceFields: ReadonlySet<string>;
  /** By use id: the field, its data-map entry's path and source (a recipient may override the source). */
  useFields: readonly (UseField | undefined)[];
  /** Size of the use-id space (ids start at 1). */
  useCount: number;
  /**
   * Render every value into the layout instead of leaving escaped ones out: the plain
   * path, for tests that prove the shared one gives the same answers.
   */
  plain: boolean;
  caches: ResultCache;
}

export interface UseField {
  field: string;
  specPath: string | undefined;
  source: Source | undefined;
  /** The data map's role for the field: a link to it is that link (unsubscribe, preferences, privacy notice). */
  role: FieldRole | undefined;
}

export interface PrepareInput {
  /** The path shown in findings. */
  file: string;
  /** Where the template is on disk, when it is (mjml reads CSS and HTML includes beside it); defaults to `file`. */
  location?: string | undefined;
  text: string;
  dataMap: DataMap | undefined;
  partials: PartialSource;
  settings?: Partial<EngineSettings> | undefined;
  /** The purposes to judge for, instead of the template's front matter (the studio's purpose picker). */
  purposes?: readonly string[] | undefined;
  /** See PreparedTemplate.plain. */
  plain?: boolean | undefined;
  /** The template's language, when the caller knows it (the studio's picker, the API's `language`). */
  language?: TemplateLanguageName | undefined;
}

/** The language a template is read in: as the caller says, else its front matter's `language`, else its extension. */
export function languageOf(source: TemplateSource, given?: TemplateLanguageName): TemplateLanguageName {
  return given ?? source.language ?? templateLanguageOf(source.file);
}

/**
 * Prepare a template whose language this run has loaded: Handlebars always is, Liquid once
 * `loadTemplateLanguage('liquid')` has run (or the library's entry, which loads both, was
 * imported). Callers that may meet a Liquid template first use prepareTemplateLoading.
 */
export function prepareTemplate(input: PrepareInput): PreparedTemplate {
  const source = sourceOf(input);
  const language = languageOf(source, input.language);
  if (!loadedTemplateLanguage(language)) throw new Error(`the ${language} template language is not loaded yet: prepare with prepareTemplateLoading`);
  return prepareSource(input, source, language);
}

/**
 * prepareTemplate, after importing the template's language if this run has not yet: at
 * once (not a promise) when it has, so a synchronous caller can still use the result then.
 */
export function prepareTemplateLoading(input: PrepareInput): PreparedTemplate | Promise<PreparedTemplate> {
  const source = sourceOf(input);
  const language = languageOf(source, input.language);
  if (loadedTemplateLanguage(language)) return prepareSource(input, source, language);
  return loadTemplateLanguage(language).then(() => prepareSource(input, source, language));
}

function sourceOf(input: PrepareInput): TemplateSource {
  const source = splitTemplateSource(input.file, input.text, templateKindOf(input.file) ?? 'html');
  if (input.purposes) source.purposes = [...input.purposes];
  return source;
}

function prepareSource(input: PrepareInput, source: TemplateSource, language: TemplateLanguageName): PreparedTemplate {
  const settings: EngineSettings = { ...DEFAULT_SETTINGS, ...input.settings };
  const { analysis, renderer } = (loadedTemplateLanguage(language) as TemplateLanguage).prepare(source, {
    partials: input.partials,
    known: (segments) => isKnownPath(segments, input.dataMap),
    helpers: settings.helpers,
  });
  const dataMap = withFetchedData(input.dataMap, analysis.uses, source.purposes);
  if (source.frontMatterProblem) {
    const { message, position } = source.frontMatterProblem;
    analysis.problems.unshift({ ruleId: 'parse-error', message, range: { file: source.file, start: position, end: position }, inFrontMatter: true });
  }
  const lexicon = settings.lexicon.length > 0 ? [...builtInLexicon(), ...settings.lexicon] : builtInLexicon();
  const sourceFields = new Set<string>();
  const useFields: (UseField | undefined)[] = [];
  for (const use of analysis.uses) {
    sourceFields.add(use.field);
    const spec = describeField(use.field, dataMap, settings.preset).spec;
    if (spec) sourceFields.add(spec.path);
    useFields[use.id] = { field: use.field, specPath: spec?.path, source: spec?.source, role: spec?.role };
  }
  return {
    source,
    language,
    location: input.location ?? input.file,
    analysis,
    renderer,
    dataMap,
    settings,
    lexicon,
    consentPurposes: [...new Set([...source.purposes, ...(dataMap?.purposes.keys() ?? [])])].sort(),
    sourceFields,
    useFields,
    useCount: analysis.uses.reduce((size, use) => Math.max(size, use.id + 1), 1),
    plain: input.plain === true,
    caches: new ResultCache(),
  };
}

/**
 * Data fetched from another company at send time (Braze's `connected_content` and
 * `catalog_items`, template/liquid/braze.ts) is third-party data: where the data map does
 * not describe what the template reads of it, the response is added to a copy of the map
 * as a field from a third party, of the generic `user` category, for the template's own
 * purposes. A data map that describes it says otherwise, and wins.
 */
function withFetchedData(dataMap: DataMap | undefined, uses: readonly TokenUse[], purposes: readonly string[]): DataMap | undefined {
  if (!dataMap) return dataMap;
  const added = new Map<string, FieldSpec>();
  for (const use of uses) {
    if (!use.fetched || describeField(use.field, dataMap).known) continue;
    const path = fieldPathToSegments(use.field)[0] ?? use.field;
    if (!dataMap.fields.has(path)) added.set(path, { path, declaredCategory: 'user', category: 'user', source: 'third_party', purposes: [...purposes] });
  }
  if (added.size === 0) return dataMap;
  return { ...dataMap, fields: new Map([...dataMap.fields, ...added]) };
}
