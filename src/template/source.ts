import { extname } from 'node:path';
import type { CST, Document, LineCounter, Scalar } from 'yaml';
import { yamlPackage } from '../lazy-package.js';
import type { Position } from '../model/location.js';
import type { Section } from '../model/vocabulary.js';

export const TEMPLATE_KINDS = ['html', 'text', 'mjml'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

/** The template languages creeplint reads (template/handlebars/, template/liquid/). */
export const TEMPLATE_LANGUAGES = ['handlebars', 'liquid'] as const;
export type TemplateLanguageName = (typeof TEMPLATE_LANGUAGES)[number];

const EXTENSION_KINDS: Readonly<Record<string, TemplateKind>> = {
  '.hbs': 'html',
  '.handlebars': 'html',
  '.html': 'html',
  '.htm': 'html',
  '.txt': 'text',
  '.mjml': 'mjml',
};

const LIQUID_EXTENSION = '.liquid';

export const TEMPLATE_EXTENSIONS: readonly string[] = [...Object.keys(EXTENSION_KINDS), LIQUID_EXTENSION];

/**
 * The kind of a template file by its name. A `.liquid` file is HTML unless the extension
 * before it says otherwise: `welcome.mjml.liquid` is MJML, `welcome.txt.liquid` text.
 */
export function templateKindOf(file: string): TemplateKind | undefined {
  const extension = extname(file).toLowerCase();
  if (extension === LIQUID_EXTENSION) return EXTENSION_KINDS[extname(file.slice(0, -extension.length)).toLowerCase()] ?? 'html';
  return EXTENSION_KINDS[extension];
}

/** A template file's extension, both parts for Liquid over another kind: `.mjml.liquid`, `.liquid`, `.hbs`. */
export function templateExtensionOf(file: string): string {
  const extension = extname(file).toLowerCase();
  if (extension !== LIQUID_EXTENSION) return extension;
  const inner = extname(file.slice(0, -extension.length)).toLowerCase();
  return inner in EXTENSION_KINDS ? `${inner}${extension}` : extension;
}

/** The language a file's name says it is written in: Liquid for `.liquid`, else Handlebars. */
export function templateLanguageOf(file: string): TemplateLanguageName {
  return extname(file).toLowerCase() === LIQUID_EXTENSION ? 'liquid' : 'handlebars';
}

/** A piece of template source and where its first character sits in the original file. */
export interface SourceText {
  text: string;
  /** Position of `text[0]` in the file, 1-based. */
  origin: Position;
}

/** A template split into front matter and body, with every part's place in the file. */
export interface TemplateSource {
  file: string;
  kind: TemplateKind;
  body: SourceText;
  subject?: SourceText | undefined;
  preheader?: SourceText | undefined;
  /** Front matter `headers:` (RFC 2369 List-Unsubscribe, RFC 8058 List-Unsubscribe-Post…), each value a template. */
  headers?: { name: string; source: SourceText }[] | undefined;
  purposes: string[];
  purposesPosition?: Position | undefined;
  /** `language: liquid | handlebars` in the front matter: overrides what the file's extension says. */
  language?: TemplateLanguageName | undefined;
  /** A front matter that could not be read; the body is still checked. */
  frontMatterProblem?: { message: string; position: Position } | undefined;
}

/** The parts of a template its language parses, in order: the subject, the preheader, the body (absent parts undefined). */
export function sectionTexts(source: TemplateSource): [Section, SourceText | undefined][] {
  return [
    ['subject', source.subject],
    ['preheader', source.preheader],
    // Each header as it is sent, `Name: value` and a line break; its origin set back so the value keeps its place.
    ...(source.headers ?? []).map(({ name, source: value }): [Section, SourceText] => [
      'headers',
      { text: `${name}: ${value.text}\n`, origin: { line: value.origin.line, column: value.origin.column - name.length - 2 } },
    ]),
    ['body', source.body],
  ];
}

/**
 * Split YAML front matter (`---` fenced, first line) from the body. Also reads the
 * `Subject: …` first line that some senders (Open Collective among them) use instead.
 */
export function splitTemplateSource(file: string, text: string, kind: TemplateKind): TemplateSource {
  const content = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const lines = content.split('\n');
  const firstLine = (lines[0] ?? '').replace(/\r$/u, '');
  if (firstLine === '---') {
    const closing = lines.findIndex((line, index) => index > 0 && line.replace(/\r$/u, '') === '---');
    if (closing > 0) return withFrontMatter(file, kind, lines, closing);
  }
  const subjectPrefix = 'Subject:';
  if (firstLine.startsWith(subjectPrefix)) {
    const value = firstLine.slice(subjectPrefix.length);
    const leading = value.length - value.trimStart().length;
    return {
      file,
      kind,
      subject: { text: value.trim(), origin: { line: 1, column: subjectPrefix.length + leading + 1 } },
      body: { text: lines.slice(1).join('\n'), origin: { line: 2, column: 1 } },
      purposes: [],
    };
  }
  return { file, kind, body: { text: content, origin: { line: 1, column: 1 } }, purposes: [] };
}

function withFrontMatter(file: string, kind: TemplateKind, lines: string[], closing: number): TemplateSource {
  // Files saved with CRLF: YAML would keep the `\r` before the closing fence in the last
  // value (`purpose: marketing\r`). A line's end moves no position on it.
  const yamlText = lines
    .slice(1, closing)
    .map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line))
    .join('\n');
  const body: SourceText = { text: lines.slice(closing + 1).join('\n'), origin: { line: closing + 2, column: 1 } };
  const source: TemplateSource = { file, kind, body, purposes: [] };
  // The YAML parser is loaded by the first template with front matter.
  const { LineCounter, isMap, isScalar, isSeq } = yamlPackage();
  const lineCounter = new LineCounter();
  const document = parseYaml(yamlText, { lineCounter, uniqueKeys: true });
  if (document === 'too-deep') {
    source.frontMatterProblem = { message: `invalid front matter YAML: ${YAML_TOO_DEEP}`, position: { line: 2, column: 1 } };
    return source;
  }
  // Front matter starts on line 2 of the file.
  const toFile = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line + 1, column: col };
  };
  const error = document.errors[0];
  if (error) {
    const message = (error.message.split('\n')[0] ?? '').split(' at line ')[0] ?? 'invalid YAML';
    source.frontMatterProblem = { message: `invalid front matter YAML: ${message}`, position: toFile(error.pos[0]) };
    return source;
  }
  const root = document.contents;
  if (root === null) return source;
  if (!isMap(root)) {
    source.frontMatterProblem = { message: 'front matter must be a YAML mapping', position: { line: 2, column: 1 } };
    return source;
  }
  for (const pair of root.items) {
    if (!isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    const value = pair.value;
    if ((key === 'subject' || key === 'preheader') && isScalar(value) && value.value != null) {
      source[key] = { text: scalarText(value), origin: scalarOrigin(value, toFile) };
    } else if (key === 'purpose' || key === 'purposes') {
      source.purposesPosition = toFile(pair.key.range[0]);
      if (isScalar(value) && typeof value.value === 'string') source.purposes = [value.value];
      else if (isSeq(value)) source.purposes = value.items.filter((item) => isScalar(item)).map((item) => String((item as Scalar).value));
    } else if (key === 'headers') {
      if (!isMap(value)) {
        source.frontMatterProblem ??= { message: 'front matter `headers` must be a mapping of header names to values', position: toFile(pair.key.range[0]) };
        continue;
      }
      source.headers = [];
      for (const header of value.items) {
        const name = isScalar(header.key) ? String(header.key.value) : '';
        if (!HEADER_NAME.test(name) || !isScalar(header.value) || header.value.value == null) {
          source.frontMatterProblem ??= {
            message: `front matter header \`${name}\` must be a header name (letters, digits, -) with a text value`,
            position: toFile(isScalar(header.key) ? header.key.range[0] : pair.key.range[0]),
          };
          continue;
        }
        source.headers.push({ name, source: { text: scalarText(header.value), origin: scalarOrigin(header.value, toFile) } });
      }
    } else if (key === 'language') {
      const language = isScalar(value) ? String(value.value).toLowerCase() : undefined;
      if (language === 'liquid' || language === 'handlebars') source.language = language;
      else source.frontMatterProblem ??= { message: `front matter \`language\` must be one of ${TEMPLATE_LANGUAGES.join(', ')}`, position: toFile(pair.key.range[0]) };
    }
  }
  return source;
}

/** A header field name (RFC 5322: printable ASCII but the colon; in practice letters, digits and hyphens). */
const HEADER_NAME = /^[A-Za-z0-9][A-Za-z0-9-]*$/u;

/** Where a scalar's text starts: after the opening quote for quoted scalars. */
function scalarOrigin(scalar: Scalar, toFile: (offset: number) => Position): Position {
  const start = scalar.range?.[0] ?? 0;
  const quoted = scalar.type === 'QUOTE_DOUBLE' || scalar.type === 'QUOTE_SINGLE';
  return toFile(quoted ? start + 1 : start);
}

/** YAML nested deeper than this is refused; real front matter, data maps and configuration nest a few levels. */
export const MAX_YAML_NESTING = 100;

export const YAML_TOO_DEEP = `nested more than ${MAX_YAML_NESTING} levels deep`;

/** A scalar's value as text: under the YAML 1.2 core schema parseYaml reads with, a scalar holds no object. */
export function scalarText(scalar: Scalar): string {
  return String(scalar.value);
}

/**
 * parseDocument, but never on text nested so deeply that the yaml package's recursive
 * composer would exhaust the stack: about a thousand levels (5 KB of `{"a":`) can abort
 * the process outright rather than throw. The depth is measured first on yaml's own
 * token stream, which its parser builds without recursion.
 */
export function parseYaml(text: string, options: { lineCounter: LineCounter; uniqueKeys: boolean }): Document.Parsed | 'too-deep' {
  if (nestingDepth(text) > MAX_YAML_NESTING) return 'too-deep';
  return yamlPackage().parseDocument(text, { lineCounter: options.lineCounter, prettyErrors: false, uniqueKeys: options.uniqueKeys });
}

function nestingDepth(text: string): number {
  let deepest = 0;
  const pending: { token: CST.Token; depth: number }[] = [];
  for (const token of new (yamlPackage().Parser)().parse(text)) pending.push({ token, depth: 0 });
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { token, depth } = next;
    if (token.type === 'document') {
      if (token.value) pending.push({ token: token.value, depth });
    } else if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      deepest = Math.max(deepest, depth + 1);
      if (deepest > MAX_YAML_NESTING) return deepest;
      for (const item of token.items) {
        if ('key' in item && item.key) pending.push({ token: item.key, depth: depth + 1 });
        if (item.value) pending.push({ token: item.value, depth: depth + 1 });
      }
    }
  }
  return deepest;
}
