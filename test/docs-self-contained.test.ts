import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');

/** What a reader or a user of the package sees: the docs, the source, the schemas, the page. */
const READER_FILES = /^(README\.md|CONTRIBUTING\.md|docs\/.*\.md|src\/.*\.ts|schema\/.*\.json|studio\/.*|lexicon\/.*|fixtures\/.*\.md)$/;

// Built from parts so that this file does not match itself.
const OUTSIDE_DOCUMENTS = ['DESIGN' + '.md', '../' + 'shared/'];

describe('the project documents itself', () => {
  it('never sends a reader to a document that is not in this repository', () => {
    const tracked = execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' })
      .split('\n')
      .filter((file) => READER_FILES.test(file));
    expect(tracked.length).toBeGreaterThan(50);
    const citing = tracked.flatMap((file) => {
      const text = readFileSync(resolve(root, file), 'utf8');
      return OUTSIDE_DOCUMENTS.filter((name) => text.includes(name)).map((name) => `${file}: ${name}`);
    });
    expect(citing).toEqual([]);
  });
});
