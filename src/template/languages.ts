import { handlebarsLanguage } from './handlebars/index.js';
import type { TemplateLanguage } from './language.js';
import type { TemplateLanguageName } from './source.js';

/**
 * The template languages a run has loaded. Handlebars is always there; Liquid (and
 * liquidjs) is imported by the first run that reads a Liquid template, so that checking
 * a Handlebars email never loads it.
 */
const loaded: Partial<Record<TemplateLanguageName, TemplateLanguage>> = { handlebars: handlebarsLanguage };

const IMPORTS: Readonly<Record<TemplateLanguageName, () => Promise<TemplateLanguage>>> = {
  handlebars: () => Promise.resolve(handlebarsLanguage),
  liquid: async () => (await import('./liquid/index.js')).liquidLanguage,
};

/** A language, importing it first if this run has not yet. */
export async function loadTemplateLanguage(name: TemplateLanguageName): Promise<TemplateLanguage> {
  return (loaded[name] ??= await IMPORTS[name]());
}

/** A language already imported (entry points that are synchronous import theirs ahead: see registerTemplateLanguage). */
export function loadedTemplateLanguage(name: TemplateLanguageName): TemplateLanguage | undefined {
  return loaded[name];
}

/** Make a language available to synchronous callers without awaiting it (the library's entry imports every language). */
export function registerTemplateLanguage(name: TemplateLanguageName, language: TemplateLanguage): void {
  loaded[name] = language;
}
