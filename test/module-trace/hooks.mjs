// Module customization hooks (they run on a thread of their own): append the URL of every
// module loaded through `import` to the file named by CREEPLINT_MODULE_TRACE.
import { appendFileSync } from 'node:fs';

export async function load(url, context, nextLoad) {
  appendFileSync(process.env.CREEPLINT_MODULE_TRACE, `${url}\n`);
  return nextLoad(url, context);
}
