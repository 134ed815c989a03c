// mjml 5 ships no type declarations; the linter uses only its default export.
declare module 'mjml' {
  const mjml2html: (input: string, options?: Record<string, unknown>) => Promise<unknown>;
  export default mjml2html;
}
