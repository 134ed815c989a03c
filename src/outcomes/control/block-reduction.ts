import type { Range } from './html-context.js';
import type { SectionNote } from './language.js';
import type { TextEdit } from './text-edits.js';

/**
 * What a branch becomes for a reader about whom nothing is known: a condition on personal
 * data is false for them, so a branch it opens is `skipped`, and one it opens negated
 * (`unless`, an inverted section) is `taken`; a branch that reads nothing personal is `kept`.
 */
export type BranchOutcome = 'kept' | 'skipped' | 'taken';

/** One branch of a block, in any template language: the tag that opens it, and what it shows. */
export interface BlockBranch {
  tag: Range;
  /** From its tag's end to the next tag of the block. */
  content: Range;
  /** Why it depends on the reader, for the notes; undefined when it does not. */
  reason: string | undefined;
  outcome: BranchOutcome;
}

/** A block as the reduction sees it: where it is, its branches in source order, and its `else` branch. */
export interface ReducibleBlock<B extends BlockBranch = BlockBranch> {
  start: number;
  end: number;
  branches: readonly B[];
  otherwise: { tag: Range; content: Range } | undefined;
}

/** What a language writes where the reduction changes a block's tags. */
export interface BlockSyntax<B extends BlockBranch = BlockBranch> {
  /** The tag as written, for the notes. */
  tagText(tag: Range): string;
  /** The language's `else` tag, as notes name it and as it replaces a branch that is now the last: `{{else}}`, `{% else %}`. */
  elseTag: string;
  /**
   * The edits that make a later branch open the block once the ones before it are gone:
   * `{{else if b}}` → `{{#if b}}`, `{% elsif b %}` → `{% if b %}` (and the closing tag's
   * name with it, where it changes); none where the block's opening tag stays (`case`).
   */
  reopen(first: B): TextEdit[];
}

export interface Reduction {
  edits: TextEdit[];
  notes: SectionNote[];
  /** The contents that stay, in which blocks are reduced in turn. */
  kept: Range[];
}

/**
 * Reduce a block to what a reader about whom nothing is known gets, by deleting the tags
 * and branches that go and keeping the text of what stays where it is (so what is inside
 * it is edited in turn, and keeps its formatting). A chain (`else if`, `elsif`, `when`)
 * loses the branches that depend on the reader and keeps the others, up to the first one
 * every such reader takes. The same decisions for every template language.
 */
export function reduceBlock<B extends BlockBranch>(block: ReducibleBlock<B>, syntax: BlockSyntax<B>): Reduction {
  const { branches, otherwise } = block;
  if (branches.every((branch) => branch.outcome === 'kept')) {
    return { edits: [], notes: [], kept: [...branches.map((branch) => branch.content), ...(otherwise ? [otherwise.content] : [])] };
  }
  const edits: TextEdit[] = [];
  const notes: SectionNote[] = [];
  const kept = branches.filter((branch, index) => branch.outcome === 'kept' && !branches.slice(0, index).some((before) => before.outcome === 'taken'));
  const taken = branches.find((branch) => branch.outcome === 'taken');
  const final = taken ? taken.content : otherwise?.content;
  for (const branch of branches) {
    if (branch.reason === undefined) continue;
    const what =
      branch.outcome === 'taken'
        ? 'its first branch is kept, as for a reader it says nothing about'
        : final
          ? `its block is left out, its \`${syntax.elseTag}\` branch kept`
          : `its block is left out (it has no \`${syntax.elseTag}\` branch)`;
    notes.push({ offset: branch.tag.start, kind: 'removed', message: `\`${syntax.tagText(branch.tag)}\` ${branch.reason}: ${what}` });
  }
  if (kept.length === 0) {
    if (final) edits.push({ start: block.start, end: final.start, text: '' }, { start: final.end, end: block.end, text: '' });
    else edits.push({ start: block.start, end: block.end, text: '' });
    return { edits, notes, kept: final ? [final] : [] };
  }
  for (const branch of branches) {
    if (kept.includes(branch)) continue;
    if (branch === taken) edits.push({ start: branch.tag.start, end: branch.tag.end, text: syntax.elseTag });
    else edits.push({ start: branch.tag.start, end: branch.content.end, text: '' });
  }
  if (taken && otherwise) edits.push({ start: otherwise.tag.start, end: otherwise.content.end, text: '' });
  const first = kept[0] as B;
  if (first !== branches[0]) edits.push(...syntax.reopen(first));
  return { edits, notes, kept: [...kept.map((branch) => branch.content), ...(final ? [final] : [])] };
}
