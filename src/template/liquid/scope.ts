/**
 * What a name in a Liquid template stands for, and the fields a path can read.
 *
 * Loop items, partial parameters and saved responses are paths into the data (`data`).
 * A variable made by `{% assign %}` or `{% capture %}` is `variable`: which of its
 * assignments ran is known only when rendering, so each assignment is a site, and what the
 * variable reads is worked out per site, guarded by "this site set it last" (the render
 * checks the guard, trace-nodes.ts). An assignment of a bare path (possibly narrowed by
 * `first`, `last`, `where`, `sort`…) is an alias of that path, so members and items of the
 * variable are that path's; anything else is derived from the fields that went in.
 */
export type Binding =
  { kind: 'none' } | { kind: 'data'; segments: readonly string[]; fetched?: boolean | undefined } | { kind: 'variable'; name: string; frame: number; sites: readonly Site[] };

export interface Site {
  id: number;
  value: SiteValue;
  /** Purposes of the consent guards the assignment sits in. */
  consentGuards: readonly string[];
}

export type SiteValue = { kind: 'alias'; binding: Binding; rest: readonly string[] } | { kind: 'derived'; sources: readonly Source[] };

/** "The variable `variable` of render frame `frame` was last set by site `site`." */
export interface Guard {
  variable: string;
  site: number;
  frame: number;
}

/** A field a value can come from, and when it does. */
export interface Source {
  segments: readonly string[];
  guards: readonly Guard[];
  consentGuards: readonly string[];
  fetched?: boolean | undefined;
  /** For a captured value: which of the capture's sources this is, whose emptiness the capture recorded. */
  captured?: { guard: Guard; index: number } | undefined;
}

export const NONE: Binding = { kind: 'none' };

const NUMERIC = /^-?\d+$/u;

/**
 * The fields a binding followed by `rest` reads. Liquid's own properties of a list or a
 * string (`size`, `first`, `last`) and numeric or computed indexes (`items[0]`,
 * `items[i]`) read an item of the list: `items[]`. A data map that declares a field
 * named `size` (or `first`, `last`) keeps it.
 */
export function sourcesOf(
  binding: Binding,
  rest: readonly (string | undefined)[],
  known: (segments: readonly string[]) => boolean,
  guards: readonly Guard[] = [],
  consentGuards: readonly string[] = [],
): Source[] {
  switch (binding.kind) {
    case 'none':
      return [];
    case 'data': {
      const segments = extendPath(binding.segments, rest, known);
      return segments.length === 0 ? [] : [{ segments, guards, consentGuards, fetched: binding.fetched }];
    }
    case 'variable':
      return binding.sites.flatMap((site) => {
        const guard: Guard = { variable: binding.name, site: site.id, frame: binding.frame };
        const siteGuards = [...guards, guard];
        const siteConsent = [...new Set([...consentGuards, ...site.consentGuards])];
        if (site.value.kind === 'alias') return sourcesOf(site.value.binding, [...site.value.rest, ...rest], known, siteGuards, siteConsent);
        return site.value.sources.map((source, index) => ({
          ...source,
          guards: [...source.guards, ...siteGuards],
          consentGuards: [...new Set([...source.consentGuards, ...siteConsent])],
          captured: { guard, index },
        }));
      });
  }
}

/** The binding of `binding.rest`: an item of a loop over it, a member of it. */
export function extendBinding(binding: Binding, rest: readonly (string | undefined)[], known: (segments: readonly string[]) => boolean = () => false): Binding {
  switch (binding.kind) {
    case 'none':
      return binding;
    case 'data':
      return { ...binding, segments: extendPath(binding.segments, rest, known) };
    case 'variable':
      return {
        ...binding,
        sites: binding.sites.map((site) =>
          site.value.kind === 'alias' ? { ...site, value: { ...site.value, rest: [...site.value.rest, ...rest.map((part) => part ?? '[]')] } } : site,
        ),
      };
  }
}

function extendPath(base: readonly string[], rest: readonly (string | undefined)[], known: (segments: readonly string[]) => boolean): string[] {
  const segments = [...base];
  for (const part of rest) {
    if (part === undefined || NUMERIC.test(part)) {
      segments.push('[]');
      continue;
    }
    if ((part === 'size' || part === 'first' || part === 'last') && segments.length > 0 && !known([...segments, part])) {
      // `items.size` reads how many there are: the list itself. `items.first` reads an item.
      if (part === 'size') break;
      segments.push('[]');
      continue;
    }
    segments.push(part);
  }
  return segments;
}
