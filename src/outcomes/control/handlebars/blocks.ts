import type { Program } from '../../../template/handlebars/parse.js';
import { reduceBlock, type BlockBranch, type BranchOutcome } from '../block-reduction.js';
import type { Range } from '../html-context.js';
import type { SectionNote } from '../language.js';
import { describeFacts } from '../personal-data.js';
import type { TextEdit } from '../text-edits.js';
import type { HandlebarsSection } from './read-section.js';
import type { Tag } from './tags.js';
import { inverseOf, programOf } from '../../../template/handlebars/ast.js';

/**
 * What a block becomes for a reader about whom nothing is known: a condition on personal
 * data is false for them (`{{#if}}`, `{{#each}}`, a section, `{{#with}}` on a helper's
 * result, a block helper: the `{{else}}` branch), so `{{#unless}}` and `{{^section}}`
 * show their first branch; `{{#ifConsent}}` holds what only those who consented get.
 */
interface Branch extends BlockBranch {
  name: string;
  tag: Tag;
}

/**
 * Reduce every block whose condition reads personal data to its generic branch
 * (block-reduction.ts). `{{else if}}` chains lose the branches that depend on the reader
 * and keep the others.
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
    const type = statement.type;
    if (type === 'BlockStatement') block(statement as hbs.AST.BlockStatement);
    else if (type === 'DecoratorBlock' || type === 'PartialBlockStatement') visitRange((statement as hbs.AST.BlockStatement).program);
  };
  const block = (head: hbs.AST.BlockStatement): void => {
    const chain = branchesOf(section, head);
    if (!chain) return;
    const { branches, otherwise, close } = chain;
    const reduced = reduceBlock(
      { start: section.offsetOf(head.loc.start), end: section.offsetOf(head.loc.end), branches, otherwise },
      {
        tagText: (tag) => tagText(section, tag),
        elseTag: '{{else}}',
        reopen: (first) => {
          // `{{else if b}}` opens the block now: `{{#if b}}`, closed by its own name.
          const reopened = [{ start: first.tag.start, end: first.tag.end, text: tagText(section, first.tag).replace(/^\{\{(~?)\s*else\s+/u, '{{$1#') }];
          if (first.name !== branches[0]?.name)
            reopened.push({ start: close.start, end: close.end, text: tagText(section, close).replace(/^\{\{(~?)\/\s*[^\s~}]+/u, `{{$1/${first.name}`) });
          return reopened;
        },
      },
    );
    edits.push(...reduced.edits);
    notes.push(...reduced.notes);
    // Inside what stays, blocks are reduced in turn.
    for (const content of reduced.kept) {
      for (const node of [head, ...chainNodes(head)]) {
        visitRange(node.program, content);
        if (!isChained(node.inverse)) visitRange(node.inverse, content);
      }
    }
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
  const firstContent = inverted ? inverseOf(last) : programOf(last);
  const secondContent = inverted ? programOf(last) : inverseOf(last);
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
    const outcome: BranchOutcome = reason === undefined ? 'kept' : tag.kind === 'open-inverse' || name === 'unless' ? 'taken' : 'skipped';
    return { name, tag, content: { start: tag.end, end: following.start }, reason, outcome };
  });
  return { branches, otherwise, close };
}

/** The `{{else if …}}` blocks chained to a block, in order. */
function chainNodes(head: hbs.AST.BlockStatement): hbs.AST.BlockStatement[] {
  const nodes: hbs.AST.BlockStatement[] = [];
  for (let inverse = inverseOf(head); inverse && isChained(inverse);) {
    const next = inverse.body[0];
    if (next?.type !== 'BlockStatement') break;
    const node = next as hbs.AST.BlockStatement;
    nodes.push(node);
    inverse = inverseOf(node);
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

function tagText(section: HandlebarsSection, tag: Range): string {
  return section.text.slice(tag.start, tag.end);
}
