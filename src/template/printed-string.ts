/**
 * A value as a template language prints it: JavaScript's own String(), which Handlebars
 * ('' + value) and liquidjs (stringify) use for what is not text, so a list prints its
 * items joined with commas and an object its toString(), '[object Object]' when it has no
 * own. That is what the reader would see, so it is what creeplint traces and judges.
 */
export function printedString(value: unknown): string {
  return String(value);
}
