// What Handlebars' parser leaves out though its types say it is always there: a call with no
// hash pairs has no `hash`, an inverse-only block (`{{^x}}`) no `program`, a block with no
// `{{else}}` no `inverse`. Read them through these, which say so.

/** A call's hash pairs, none when it has no hash. */
export function hashPairs(node: { hash?: hbs.AST.Hash | undefined }): hbs.AST.HashPair[] {
  return node.hash?.pairs ?? [];
}

/** A block's program (what it shows when taken), if it has one. */
export function programOf(block: { program?: hbs.AST.Program | undefined }): hbs.AST.Program | undefined {
  return block.program;
}

/** A block's inverse (its `{{else}}` part), if it has one. */
export function inverseOf(block: { inverse?: hbs.AST.Program | undefined }): hbs.AST.Program | undefined {
  return block.inverse;
}
