/** What a name in a template stands for: a data path, or nothing personal (`@index`, literals). */
export type Binding = { kind: 'data'; segments: string[] } | { kind: 'none' };

/**
 * One Handlebars context. `base` is the data path the context points at (`null` when
 * it is not customer data, e.g. a helper's result); a section frame (`{{#items}}`)
 * may be a list, an object or a flag, so it keeps both readings.
 */
export type Frame =
  { kind: 'context'; base: string[] | null; hash?: ReadonlyMap<string, Binding> | undefined } | { kind: 'section'; list: string[]; object: string[]; hash?: undefined };
