import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { cpSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');

/** A scratch project: the bundled templates and profiles, and a file outside it that must stay untouched. */
export function scratchProject(): { root: string; templates: string; profiles: string } {
  const root = mkdtempSync(join(tmpdir(), 'creeplint-serve-'));
  const templates = join(root, 'templates');
  const profiles = join(root, 'profiles');
  cpSync(join(ROOT, 'templates'), templates, { recursive: true });
  cpSync(join(ROOT, 'fixtures/profiles'), profiles, { recursive: true });
  writeFileSync(join(root, 'outside.hbs'), 'not yours\n');
  symlinkSync(join(root, 'outside.hbs'), join(templates, 'linked-outside.hbs'));
  return { root, templates, profiles };
}

export interface ServeProcess {
  child: ChildProcessWithoutNullStreams;
  /** The studio URL without its fragment, e.g. http://127.0.0.1:PORT/. */
  url: string;
  /** The token printed in the fragment. */
  token: string;
  /** Everything printed so far. */
  output(): { stdout: string; stderr: string };
  /** Resolves with the exit code, and how long the process took to exit after `since`. */
  exited: Promise<number | null>;
}

/** `node dist/bin.js serve …` in a child process, once it has printed its studio URL. */
export async function spawnServe(args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<ServeProcess> {
  const child = spawn(process.execPath, [join(ROOT, 'dist/bin.js'), 'serve', '--port', '0', ...args], { cwd, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((done) =>
    child.on('exit', (code) => {
      done(code);
    }),
  );
  const [url, token] = await new Promise<[string, string]>((found, failed) => {
    const timer = setTimeout(() => {
      failed(new Error(`no URL printed: ${stdout} ${stderr}`));
    }, 15_000);
    const look = (): void => {
      const match = /creeplint studio: (http:\/\/127\.0\.0\.1:\d+\/)#token=([\w-]+)\n/u.exec(stdout);
      if (match?.[1] && match[2]) {
        clearTimeout(timer);
        found([match[1], match[2]]);
      }
    };
    child.stdout.on('data', look);
    void exited.then(() => {
      failed(new Error(`exited before printing a URL: ${stdout} ${stderr}`));
    });
  });
  return { child, url, token, output: () => ({ stdout, stderr }), exited };
}
