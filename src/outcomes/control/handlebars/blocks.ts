import type { Program } from '../../../template/handlebars/parse.js';
import type { Range } from '../html-context.js';
import type { SectionNote } from '../language.js';
import { describeFacts } from '../personal-data.js';
import type { TextEdit } from '../text-edits.js';
import type { HandlebarsSection } from './read-section.js';
import type { Tag } from './tags.js';

/**
 * What a block becomes for a reader about whom nothing is known: a condition on personal
 * data is false for them (`{{#if}}`, `{{#each}}`, a section, `{{#with}}` on a helper's
 * result, a block helper: the `{{else}}` branch), so `{{#unless}}` and `{{^section}}`
 * show their first branch; `{{#ifConsent}}` holds what only those who consented get.
 */
type Outcome = 'kept' | 'skipped' | 'taken';

interface Branch {
  name: string;
  tag: Tag;
  content: Range;
  /** Why it depends on the reader, for the notes; undefined when it does not. */
  reason: string | undefined;
  outcome: Outcome;
}

/**
 * Reduce every block whose condition reads personal data to its generic branch, by
 * deleting the tags and branches that go and keeping the text of the branch that stays
 * where it is (so what is inside it is edited in turn, and keeps its formatting).
 * `{{else if}}` chains lose the branches that depend on the reader and keep the others.
 */
export function blockEdits(section: HandlebarsSection): { edits: TextEdit[]; notes: SectionNote[] } {
  const edits: TextEdit[] = [];
  const notes: SectionNote[] = [];
  const visitRange = (program: Program | undefined, range?: Range): void => {
    for (const statement of program?.body ?? []) {
      if (range && !within(section, statement.loc, range)) continue;
      visit(statement);
    }
  };
  const visit = (statement: hbs.AST.Statement): void => {
    const type = statement.type as string;
    if (type === 'BlockStatement') block(statement as hbs.AST.BlockStatement);
    else if (type === 'DecoratorBlock' || type === 'PartialBlockStatement') visitRange((statement as hbs.AST.BlockStatement).program);
  };
  const block = (head: hbs.AST.BlockStatement): void => {
    const chain = branchesOf(section, head);
    if (!chain) return;
    const { branches, otherwise, close } = chain;
    const start = section.offsetOf(head.loc.start);
    const end = section.offsetOf(head.loc.end);
    // Inside what stays, blocks are reduced in turn.
    const keepInside = (content: Range | undefined): void => {
      if (content) for (const node of [head, ...chainNodes(head)]) visitInside(node, content);
    };
    const visitInside = (node: hbs.AST.BlockStatement, content: Range): void => {
      visitRange(node.program, content);
      if (!isChained(node.inverse)) visitRange(node.inverse, content);
    };
    if (branches.every((branch) => branch.outcome === 'kept')) {
      for (const branch of branches) keepInside(branch.content);
      keepInside(otherwise?.content);
      return;
    }
    const kept = branches.filter((branch, index) => branch.outcome === 'kept' && !branches.slice(0, index).some((before) => before.outcome === 'taken'));
    const taken = branches.find((branch) => branch.outcome === 'taken');
    const final = taken ? taken.content : otherwise?.content;
    for (const branch of branches) {
      if (branch.reason === undefined) continue;
      const what = branch.outcome === 'taken' ? 'its first branch is kept, as for a reader it says nothing about' : final ? 'its block is left out, its `{{else}}` branch kept' : 'its block is left out (it has no `{{else}}` branch)';
      notes.push({ offset: branch.tag.start, kind: 'removed', message: `\`${tagText(section, branch.tag)}\` ${branch.reason}: ${what}` });
    }
    if (kept.length === 0) {
      if (final) {
        edits.push({ start, end: final.start, text: '' }, { start: final.end, end, text: '' });
        keepInside(final);
      } else {
        edits.push({ start, end, text: '' });
      }
      return;
    }
    const first = kept[0] as Branch;
    for (const branch of branches) {
      if (kept.includes(branch)) continue;
      if (branch === taken) edits.push({ start: branch.tag.start, end: branch.tag.end, text: '{{else}}' });
      else edits.push({ start: branch.tag.start, end: branch.content.end, text: '' });
    }
    if (taken && otherwise) edits.push({ start: otherwise.tag.start, end: otherwise.content.end, text: '' });
    if (first !== branches[0]) {
      // `{{else if b}}` opens the block now: `{{#if b}}`, closed by its own name.
      edits.push({ start: first.tag.start, end: first.tag.end, text: tagText(section, first.tag).replace(/^\{\{(~?)\s*else\s+/u, '{{$1#') });
      if (first.name !== branches[0]?.name) edits.push({ start: close.start, end: close.end, text: tagText(section, close).replace(/^\{\{(~?)\/\s*[^\s~}]+/u, `{{$1/${first.name}`) });
    }
    for (const branch of kept) keepInside(branch.content);
    keepInside(final);
  };
  visitRange(section.program);
  return { edits, notes };
}

/** The branches of a block (an `{{else if}}` chain is one block), its `{{else}}` branch and closing tag, in source order. */
function branchesOf(section: HandlebarsSection, head: hbs.AST.BlockStatement): { branches: Branch[]; otherwise: { tag: Tag; content: Range } | undefined; close: Tag } | undefined {
  const close = section.tagEndingAt(section.offsetOf(head.loc.end));
  if (!close || close.kind !== 'close') return undefined;
  const nodes = [head, ...chainNodes(head)];
  const tags = nodes.map((node) => section.tagAt(section.offsetOf(node.loc.start)));
  if (tags.some((tag) => tag === undefined)) return undefined;
  const last = nodes[nodes.length - 1] as hbs.AST.BlockStatement;
  const lastTag = tags[tags.length - 1] as Tag;
  const inverted = lastTag.kind === 'open-inverse';
  // The text the last branch shows comes first in the source; `{{^x}}` keeps it as the inverse.
  const firstContent = inverted ? last.inverse : last.program;
  const secondContent = inverted ? last.program : last.inverse;
  const contentEnd = firstContent?.body.length ? section.offsetOf((firstContent.body[firstContent.body.length - 1] as hbs.AST.Statement).loc.end) : lastTag.end;
  const elseTag = secondContent ? section.nextTag(contentEnd) : undefined;
  const otherwise = elseTag && elseTag.kind === 'else' && elseTag.end <= close.start ? { tag: elseTag, content: { start: elseTag.end, end: close.start } } : undefined;
  const branches = nodes.map((node, index): Branch => {
    const tag = tags[index] as Tag;
    const following = tags[index + 1] ?? otherwise?.tag ?? close;
    const name = node.path.original;
    const personal = section.fieldsIn(tag).filter((facts) => facts.personal);
    const consent = name === 'ifConsent';
    const reason = consent ? 'holds what only readers who consented get' : personal.length > 0 ? `reads ${[...new Set(personal.map(describeFacts))].join(', ')}` : undefined;
    const outcome: Outcome = reason === undefined ? 'kept' : tag.kind === 'open-inverse' || name === 'unless' ? 'taken' : 'skipped';
    return { name, tag, content: { start: tag.end, end: following.start }, reason, outcome };
  });
  return { branches, otherwise, close };
}

/** The `{{else if …}}` blocks chained to a block, in order. */
function chainNodes(head: hbs.AST.BlockStatement): hbs.AST.BlockStatement[] {
  const nodes: hbs.AST.BlockStatement[] = [];
  for (let node = head; node.inverse && isChained(node.inverse); ) {
    const next = node.inverse.body[0];
    if (next?.type !== 'BlockStatement') break;
    node = next as hbs.AST.BlockStatement;
    nodes.push(node);
  }
  return nodes;
}

/** Handlebars marks the inverse holding an `{{else if}}` block as chained; its types do not say so. */
function isChained(program: Program | undefined): boolean {
  return (program as (Program & { chained?: boolean }) | undefined)?.chained === true;
}

function within(section: HandlebarsSection, loc: hbs.AST.SourceLocation, range: Range): boolean {
  const start = section.offsetOf(loc.start);
  return range.start <= start && start < range.end;
}

function tagText(section: HandlebarsSection, tag: Tag): string {
  return section.text.slice(tag.start, tag.end);
}
