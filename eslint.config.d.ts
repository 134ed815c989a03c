// Types for what test/layers.test.ts reads from eslint.config.js (ESLint itself reads only the default export).

/** A layer of src/: its folders and its modules at the top of src/. */
export interface Layer {
  name: string;
  dirs: string[];
  files: string[];
}

/** The layers of src/, lowest first. */
export const LAYERS: readonly Layer[];

/** How many folders below src/ the layer rule checks. */
export const MAX_DEPTH: number;

declare const config: unknown;
export default config;
