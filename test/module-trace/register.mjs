// `node --import ./test/module-trace/register.mjs …`: record which modules a run loads, for
// test/lazy-loading.test.ts. ES modules are seen by the hooks as they load; CommonJS modules
// (most packages creeplint depends on are CommonJS) are read from require's cache at exit.
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { pathToFileURL } from 'node:url';

register('./hooks.mjs', import.meta.url);
const require = createRequire(import.meta.url);
process.on('exit', () => {
  const files = Object.keys(require.cache).map((file) => pathToFileURL(file).href);
  appendFileSync(process.env.CREEPLINT_MODULE_TRACE, files.map((url) => `${url}\n`).join(''));
});
