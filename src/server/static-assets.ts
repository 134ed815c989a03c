import { readFile } from 'node:fs/promises';
import { TOKEN_STYLES } from '../report/html/highlight.js';
import { scaleStyles, studioScaleModule } from '../report/score-scale.js';

/** The studio's files, shipped in the package's `studio/` folder: no CDN, nothing fetched at run time. */
const ASSETS: Readonly<Record<string, { file: string; type: string }>> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/studio.js': { file: 'studio.js', type: 'text/javascript; charset=utf-8' },
  '/studio.css': { file: 'studio.css', type: 'text/css; charset=utf-8' },
};

/** Written from the report's own module, so the studio's bands, colours and points are the report's. */
const SCALE_MODULE_PATH = '/score-scale.js';

export const ASSET_PATHS: readonly string[] = [...Object.keys(ASSETS), SCALE_MODULE_PATH];

/**
 * The page may load only its own files and talk only to this server. Styles may be
 * inline because the emails shown in the preview frames (which inherit this policy) are
 * styled inline; their scripts never run (the frames are sandboxed, and scripts must come
 * from this server).
 */
export const STUDIO_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-src 'self' about:; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

export async function loadAssets(): Promise<Map<string, { body: string; type: string }>> {
  const folder = new URL('../../studio/', import.meta.url);
  const loaded = new Map<string, { body: string; type: string }>();
  for (const [path, { file, type }] of Object.entries(ASSETS)) loaded.set(path, { body: await readFile(new URL(file, folder), 'utf8'), type });
  // The subject and preheader lines carry the same highlights as the email: one set of styles for both.
  const css = loaded.get('/studio.css');
  if (css) css.body += scaleStyles() + TOKEN_STYLES;
  loaded.set(SCALE_MODULE_PATH, { body: studioScaleModule(), type: 'text/javascript; charset=utf-8' });
  return loaded;
}
