import type { TemplateCheck } from '../../engine/check-template.js';
import { languageOf, prepareTemplate } from '../../engine/prepare.js';
import { loadTemplateLanguage } from '../../template/languages.js';
import { builtInLexicon } from '../../load/lexicon.js';
import type { DataMap } from '../../model/datamap.js';
import type { Position } from '../../model/location.js';
import type { Profile } from '../../model/profile.js';
import { DEFAULT_SETTINGS, type EngineSettings } from '../../model/settings.js';
import type { PartialSource } from '../../template/partial-source.js';
import { splitTemplateSource, templateKindOf, type SourceText, type TemplateLanguageName } from '../../template/source.js';
import { checkTwin } from './check-twin.js';
import { handlebarsControl } from './handlebars/index.js';
import type { ControlLanguage, NoteKind, SectionContext, SectionNote } from './language.js';
import { liquidControl } from './liquid/index.js';
import { fieldFacts } from './personal-data.js';
import { standInRecipient } from './stand-in-recipient.js';
import { applyEdits } from './text-edits.js';
import { twinHead } from './twin-head.js';

export interface ControlInput {
  /** The template's path, as findings name it; partials resolve from it. */
  file: string;
  /** Where it is on disk, for mjml's includes; defaults to `file`. */
  location?: string | undefined;
  text: string;
  dataMap: DataMap | undefined;
  partials: PartialSource;
  settings?: Partial<EngineSettings> | undefined;
  /** The recipients the twin is judged for; without any, a stand-in for the control group (stand-in-recipient.ts). */
  profiles: readonly Profile[];
  now: Date;
  /** The template's language, when the caller knows it (the studio's picker); else its front matter's `language`, else its extension, as the checker reads it. */
  language?: TemplateLanguageName | undefined;
}

/** What the twin changed, or what a person must still do, at a line of the twin. */
export interface ControlNote {
  line: number;
  kind: NoteKind;
  message: string;
}

export interface ControlTwin {
  /** The twin's source text. */
  source: string;
  /** In line order. */
  notes: ControlNote[];
  /** The twin's lines a person must reword before it can go to the control group; empty when it is ready for review. */
  needsHuman: number[];
  /** The twin judged for each profile (or the stand-in). */
  check: TemplateCheck;
}

export type ControlOutcome = { ok: true; twin: ControlTwin } | { ok: false; message: string; position: Position };

/**
 * Write the de-personalised twin of a template for a campaign's control group, by editing
 * its own text: the body by the template's language (control/handlebars/, control/liquid/), the front
 * matter or `Subject:` line by twin-head.ts. Then judge the twin as any email is judged:
 * it is ready when it scores `helpful` with no error for every profile; anything that
 * keeps it from that is a line for a person.
 */
export async function controlTwin(input: ControlInput): Promise<ControlOutcome> {
  const settings: EngineSettings = { ...DEFAULT_SETTINGS, ...input.settings };
  const bom = input.text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const content = input.text.slice(bom.length);
  const kind = templateKindOf(input.file) ?? 'html';
  const source = splitTemplateSource(input.file, content, kind);
  if (source.frontMatterProblem) return { ok: false, ...source.frontMatterProblem };
  const context: SectionContext = {
    file: input.file,
    kind,
    dataMap: input.dataMap,
    settings,
    lexicon: settings.lexicon.length > 0 ? [...builtInLexicon(), ...settings.lexicon] : builtInLexicon(),
    partials: input.partials,
    humanNotes: 'comment',
  };
  // The language the checker reads the template in (engine/prepare.ts), and so the twin too.
  const languageName = languageOf(source, input.language);
  const language = CONTROL_LANGUAGES[languageName];
  // The stand-in recipient is found with the checker's own reading of the twin (prepareTemplate).
  await loadTemplateLanguage(languageName);

  const body = language.depersonalise(source.body.text, context);
  if (!body.ok) return { ok: false, message: body.message, position: inFile(source.body, body.position) };
  const bodyStart = content.length - source.body.text.length;

  const head = twinHead({ content, source, language, context, dataMap: input.dataMap });
  if (!head.ok) return head;
  const editedHead = applyEdits(content.slice(0, bodyStart), head.edits, { dropEmptiedLines: false });
  const twinText = bom + editedHead.text + body.text;
  const bodyLine = lineCount(editedHead.text);
  const notes = [
    ...head.notes.map((note) => ({ line: lineCount(editedHead.text.slice(0, editedHead.mapOffset(note.offset))), kind: note.kind, message: note.message })),
    ...body.notes.map((note) => bodyNote(body.text, bodyLine, note)),
  ];
  const { check, shortfalls } = await checkTwin({
    file: input.file,
    location: input.location,
    text: twinText,
    dataMap: input.dataMap,
    profiles: input.profiles.length > 0 ? input.profiles : [standInFor(twinText, head.purposes, { ...input, settings, language: languageName })],
    partials: input.partials,
    now: input.now,
    settings,
    language: languageName,
  });
  const marked = new Set(notes.filter((note) => note.kind === 'needs-human').map((note) => note.line));
  for (const shortfall of shortfalls) {
    const inTwin = shortfall.file === input.file;
    // A line already marked for a person says why; the findings there follow from it, and
    // so may a score above helpful: the reworded twin is judged again with `creeplint check`.
    if ((inTwin && marked.has(shortfall.line)) || (shortfall.kind === 'band' && marked.size > 0)) continue;
    const where = inTwin ? '' : `in ${shortfall.file} line ${shortfall.line}: `;
    notes.push({ line: inTwin ? shortfall.line : 1, kind: 'needs-human', message: `${where}${shortfall.message} (${shortfall.profiles.join(', ')})` });
  }
  notes.sort((a, b) => a.line - b.line);
  const needsHuman = [...new Set(notes.filter((note) => note.kind === 'needs-human').map((note) => note.line))].sort((a, b) => a - b);
  return { ok: true, twin: { source: twinText, notes, needsHuman, check } };
}

/** The stand-in control recipient (stand-in-recipient.ts), holding the system data the twin reads and consenting to every purpose. */
function standInFor(twinText: string, purposes: readonly string[], input: ControlInput & { settings: EngineSettings }): Profile {
  // Personal data left on a line for a person is not given a value.
  const systemFields = prepareTemplate({ file: input.file, text: twinText, dataMap: input.dataMap, partials: input.partials, settings: input.settings, language: input.language })
    .analysis.uses.map((use) => fieldFacts(use.field, input.dataMap, input.settings.preset))
    .filter((facts) => !facts.personal)
    .map((facts) => facts.field);
  return standInRecipient([...new Set(systemFields)], [...new Set([...purposes, ...(input.dataMap?.purposes.keys() ?? [])])], input.now);
}

/** The language that makes a template's twin, by the language the template is read in. */
const CONTROL_LANGUAGES: Readonly<Record<TemplateLanguageName, ControlLanguage>> = { handlebars: handlebarsControl, liquid: liquidControl };

function bodyNote(text: string, firstLine: number, note: SectionNote): ControlNote {
  return { line: firstLine + lineCount(text.slice(0, note.offset)) - 1, kind: note.kind, message: note.message };
}

/** 1 + the line ends in a text: the line its end is on. */
function lineCount(text: string): number {
  let lines = 1;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) lines += 1;
  return lines;
}

/** A position in a section (1-based lines, as parsed from its own text) as a position in the file. */
function inFile(section: SourceText, position: Position): Position {
  if (position.line <= 1) return { line: section.origin.line, column: section.origin.column + position.column - 1 };
  return { line: section.origin.line + position.line - 1, column: position.column };
}
