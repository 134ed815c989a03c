// `npm run build`, after tsc: the built-in lexicons' entries as JSON beside dist/load/lexicon.js,
// so that a run does not load the YAML parser's work of reading them (src/load/lexicon.ts).
import { writeFileSync } from 'node:fs';
import { COMPILED_LEXICON, compileBuiltInLexicon } from '../dist/load/lexicon.js';

writeFileSync(COMPILED_LEXICON, `${JSON.stringify(compileBuiltInLexicon())}\n`);
