import type { Element } from 'domhandler';

/** display:none, visibility:hidden and the usual preheader tricks (zero size, zero opacity, mso-hide). */
export function isHiddenElement(element: Element): boolean {
  if ('hidden' in element.attribs) return true;
  const declarations = parseStyle(element.attribs['style'] ?? '');
  const value = (property: string): string => declarations.get(property) ?? '';
  if (value('display') === 'none' || value('visibility') === 'hidden' || value('mso-hide') === 'all') return true;
  if (value('opacity') === '0') return true;
  const zero = (property: string): boolean => /^0(px|em|rem|%)?$/u.test(value(property));
  if ((zero('max-height') || zero('height')) && value('overflow') === 'hidden') return true;
  return zero('font-size') && (zero('line-height') || zero('max-height'));
}

/** An inline style attribute as property → value (lower case, `!important` dropped). */
function parseStyle(style: string): Map<string, string> {
  const declarations = new Map<string, string>();
  for (const declaration of style.split(';')) {
    const colon = declaration.indexOf(':');
    if (colon === -1) continue;
    const property = declaration.slice(0, colon).trim().toLowerCase();
    const value = declaration
      .slice(colon + 1)
      .replace('!important', '')
      .trim()
      .toLowerCase();
    declarations.set(property, value);
  }
  return declarations;
}
