import { Liquid, type FS } from 'liquidjs';

/**
 * The file system liquidjs is given: none. Partials are found by the analysis through the
 * PartialSource (template/partial-source.ts), the one gate to the disk, and handed to each
 * `{% render %}` and `{% include %}` where it is written; liquidjs itself never reads a file.
 */
const NO_FILE_SYSTEM: FS = {
  exists: () => Promise.resolve(false),
  existsSync: () => false,
  readFile: () => Promise.reject(new Error('creeplint reads partials itself')),
  readFileSync: () => {
    throw new Error('creeplint reads partials itself');
  },
  resolve: (_dir, file) => file,
  contains: () => Promise.resolve(false),
  containsSync: () => false,
  sep: '/',
  dirname: () => '',
};

/**
 * A Liquid engine for one template. Its tags and filters are liquidjs's own, with the
 * template's unknown ones replaced by stand-ins (analyse.ts); it reads only own properties
 * of the data (no `__proto__`, `constructor` or prototype methods), keeps Liquid's own
 * truthiness (only `nil` and `false` are false), never escapes on its own (Liquid does
 * not), and formats dates in UTC so a render does not depend on the machine.
 */
export function createLiquid(): Liquid {
  return new Liquid({
    fs: NO_FILE_SYSTEM,
    root: [],
    partials: [],
    layouts: [],
    relativeReference: false,
    cache: false,
    ownPropertyOnly: true,
    jsTruthy: false,
    strictFilters: false,
    strictVariables: false,
    lenientIf: false,
    timezoneOffset: 0,
    locale: 'en-US',
  });
}

/** Liquid's own limit on what one render may allocate (ranges, joins, splits), in items. */
export const LIQUID_MEMORY_LIMIT = 10_000_000;
