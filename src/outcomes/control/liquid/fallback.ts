import { TypeGuards, type Token, type Value } from 'liquidjs';
import { FALLBACK_FILTER } from '../../../template/liquid/known-filters.js';
import type { Range } from '../html-context.js';
import type { SectionFields } from '../section-fields.js';

/**
 * What a value with a `| default:` prints for a reader without the data, as Liquid: the
 * default's argument, through the filters after it (`{{ first_name | default: "there" |
 * capitalize }}` prints `{{ "there" | capitalize }}`), when neither reads personal data.
 * `text` is the fallback alone: the default's text or path, with no filter after it.
 * Undefined without a default, or when a value rebuilt from Braze's syntax cannot say
 * where its parts are written.
 */
export function defaultOf(section: SectionFields, value: Value, rebuilt: boolean): { text: string | undefined; expression: string } | undefined {
  const index = value.filters.findIndex((filter) => filter.name === FALLBACK_FILTER);
  const given = value.filters[index]?.args[0];
  if (index === -1 || given === undefined || Array.isArray(given)) return undefined;
  const argument = given as Token;
  const rest = value.filters.slice(index + 1).map((filter) => (filter as unknown as { token: Token }).token);
  const restRange = rest.length > 0 ? { start: (rest[0] as Token).begin, end: (rest[rest.length - 1] as Token).end } : undefined;
  const literal = TypeGuards.isQuotedToken(argument) ? (argument as unknown as { content: string }).content : TypeGuards.isNumberToken(argument) ? argument.getText() : undefined;
  if (literal === undefined && !TypeGuards.isPropertyAccessToken(argument)) return undefined;
  // In a rebuilt token, every path is placed where the whole token was written: nothing tells the argument from the value.
  if (rebuilt && (literal === undefined || restRange)) return undefined;
  const reads = (range: Range): boolean => section.fieldsIn(range).some((facts) => facts.personal);
  if (literal === undefined && reads({ start: argument.begin, end: argument.end })) return undefined;
  if (restRange && reads(restRange)) return undefined;
  const filters = restRange ? ` | ${argument.input.slice(restRange.start, restRange.end).trim()}` : '';
  return { text: restRange ? undefined : literal, expression: `${argument.getText()}${filters}` };
}
