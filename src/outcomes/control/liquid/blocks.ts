import type { Template, Token, Value } from 'liquidjs';
import { consentPurposeOf } from '../../../template/liquid/consent.js';
import { reduceBlock, type BlockBranch, type BlockSyntax, type ReducibleBlock } from '../block-reduction.js';
import type { Range } from '../html-context.js';
import type { SectionNote } from '../language.js';
import { describeFacts } from '../personal-data.js';
import type { TextEdit } from '../text-edits.js';
import { childrenOf, isLiquidTag, type LiquidSection } from './read-section.js';
import type { LiquidTag } from './tags.js';

/** Blocks that choose what to show; a `{% capture %}` or an unknown tag without branches only holds what is inside. */
const CONDITIONS = new Set(['if', 'unless']);
const LOOPS = new Set(['for', 'tablerow']);

/**
 * Reduce every block whose condition reads personal data to what a reader about whom
 * nothing is known gets, with the decisions the Handlebars twin makes (block-reduction.ts):
 * `{% if %}`, `{% elsif %}` and a `{% case %}`'s `{% when %}` on personal data are false
 * for them, so `{% unless %}` shows its first branch; `{% for %}` and `{% tablerow %}` over
 * personal data have no items (their `{% else %}`); a condition on the reader's consent
 * (`consent.personalisation`) holds what only those who consented get; an unknown block
 * tag with a personal argument shows its `{% else %}`, as a Handlebars block helper does.
 */
export function blockEdits(section: LiquidSection): { edits: TextEdit[]; notes: SectionNote[] } {
  const edits: TextEdit[] = [];
  const notes: SectionNote[] = [];
  const visit = (templates: readonly Template[], within?: Range): void => {
    for (const template of templates) {
      const start = section.rangeOf(template).start;
      if (within && !(within.start <= start && start < within.end)) continue;
      if (isLiquidTag(template)) continue;
      const block = reducible(section, template);
      if (!block) {
        visit(childrenOf(template));
        continue;
      }
      const reduced = reduceBlock(block, syntaxOf(section, block));
      edits.push(...reduced.edits);
      notes.push(...reduced.notes);
      // Inside what stays, blocks are reduced in turn.
      for (const content of reduced.kept) visit(childrenOf(template), content);
    }
  };
  visit(section.templates);
  return { edits, notes };
}

interface LiquidBranch extends BlockBranch {
  tag: LiquidTag;
}

interface LiquidBlock extends ReducibleBlock<LiquidBranch> {
  name: string;
  close: LiquidTag;
}

/** A block that chooses what to show, as the reduction sees it; undefined for anything else, or a block whose tags do not add up. */
function reducible(section: LiquidSection, template: Template): LiquidBlock | undefined {
  const tags = section.blockTags(template);
  const open = tags?.[0];
  const close = tags?.[tags.length - 1];
  if (!tags || !open || !close || close === open || close.name !== `end${open.name}`) return undefined;
  const inner = tags.slice(1, -1);
  const elseAt = inner.findIndex((tag) => tag.name === 'else');
  const elseTag = elseAt === -1 ? undefined : inner[elseAt];
  const otherwise = elseTag ? { tag: elseTag, content: { start: elseTag.end, end: (inner[elseAt + 1] ?? close).start } } : undefined;
  const block = (branches: LiquidBranch[]): LiquidBlock => ({ name: open.name, start: open.start, end: close.end, branches, otherwise, close });
  const following = (tag: LiquidTag): number => (tags[tags.indexOf(tag) + 1] ?? close).start;
  const branch = (tag: LiquidTag, reason: string | undefined, negated = false): LiquidBranch => ({
    tag,
    content: { start: tag.end, end: following(tag) },
    reason,
    outcome: reason === undefined ? 'kept' : negated ? 'taken' : 'skipped',
  });
  const t = template as unknown as { branches?: { value?: Value; values?: Token[] }[]; value?: Value; block?: boolean };

  if (CONDITIONS.has(open.name)) {
    const branchTags = [open, ...inner.filter((tag) => tag.name === 'elsif')];
    if (branchTags.length !== t.branches?.length) return undefined;
    return block(
      branchTags.map((tag, index) => {
        const negated = index === 0 && open.name === 'unless';
        return branch(tag, reasonOf(section, tag, t.branches?.[index]?.value?.initial.postfix ?? [], negated), negated);
      }),
    );
  }
  if (open.name === 'case') {
    const subject = reasonOf(section, open, t.value?.initial.postfix ?? []);
    const whens = inner.filter((tag, index) => tag.name === 'when' && (elseAt === -1 || index < elseAt));
    // A case on personal data matches none of its `when`s for such a reader: they go as one.
    if (subject !== undefined) return block([{ tag: open, content: { start: open.end, end: (elseTag ?? close).start }, reason: subject, outcome: 'skipped' }]);
    if (whens.length !== t.branches?.length) return undefined;
    return block(whens.map((tag, index) => branch(tag, reasonOf(section, tag, t.branches?.[index]?.values ?? []))));
  }
  if (LOOPS.has(open.name) || t.block === true) {
    return block([{ ...branch(open, reasonOf(section, open, [])), content: { start: open.end, end: (elseTag ?? close).start } }]);
  }
  return undefined;
}

/** Why a branch's tag depends on the reader: it reads their consent, or personal data; undefined when it does neither. */
function reasonOf(section: LiquidSection, tag: LiquidTag, condition: readonly Token[], negated = false): string | undefined {
  if (condition.some((token) => consentPurposeOf(token) !== undefined))
    return negated ? 'holds what only readers who did not consent get' : 'holds what only readers who consented get';
  const personal = section.fieldsIn(tag).filter((facts) => facts.personal);
  return personal.length > 0 ? `reads ${[...new Set(personal.map(describeFacts))].join(', ')}` : undefined;
}

function syntaxOf(section: LiquidSection, block: LiquidBlock): BlockSyntax<LiquidBranch> {
  const text = (tag: Range): string => section.text.slice(tag.start, tag.end);
  return {
    tagText: text,
    elseTag: '{% else %}',
    reopen: (first) => {
      // A `{% when %}` needs no change: the `{% case %}` still opens the block.
      if (first.tag.name !== 'elsif') return [];
      // `{% elsif b %}` opens the block now: `{% if b %}`, closed by `{% endif %}`.
      const reopened: TextEdit[] = [{ start: first.tag.start, end: first.tag.end, text: text(first.tag).replace(/^(\{%-?\s*)elsif\b/u, '$1if') }];
      if (block.name !== 'if') reopened.push({ start: block.close.start, end: block.close.end, text: text(block.close).replace(/^(\{%-?\s*)end\w+/u, '$1endif') });
      return reopened;
    },
  };
}
