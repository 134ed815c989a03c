import type { Reporter } from './index.js';
import type { ReporterName } from './names.js';

// One import per format, so that a run loads only the reporter it prints with: stylish
// never pulls in the HTML preview and its DOM library.
const LOADERS: Readonly<Record<ReporterName, () => Promise<Reporter>>> = {
  stylish: async () => (await import('./stylish.js')).formatStylish,
  json: async () => (await import('./json.js')).formatJson,
  sarif: async () => (await import('./sarif.js')).formatSarif,
  github: async () => (await import('./github.js')).formatGithub,
  junit: async () => (await import('./junit.js')).formatJunit,
  markdown: async () => (await import('./markdown.js')).formatMarkdown,
  html: async () => (await import('./html/index.js')).formatHtml,
};

/** The reporter for one format, imported on first use (the library's `reporterFor` has them all at hand). */
export function loadReporter(name: ReporterName): Promise<Reporter> {
  return LOADERS[name]();
}
