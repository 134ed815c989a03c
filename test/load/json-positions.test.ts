import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstDuplicateKey, jsonOffsetOf, jsonOffsets, type JsonPath } from '../../src/load/json-keys.js';
import { linePositions, positionAt } from '../../src/load/json-text.js';

const root = resolve(import.meta.dirname, '../..');

/** Every path of a parsed JSON value, with a few that are not there, numbers for object keys of digits among them. */
function pathsOf(value: unknown, prefix: JsonPath = []): JsonPath[] {
  const own: JsonPath[] = [prefix, [...prefix, 'missing'], [...prefix, 0], [...prefix, '0']];
  if (Array.isArray(value)) return [...own, ...value.flatMap((item, index) => pathsOf(item, [...prefix, index]))];
  if (typeof value === 'object' && value !== null) return [...own, ...Object.entries(value).flatMap(([key, item]) => pathsOf(item, [...prefix, key]))];
  return own;
}

function parsesWithoutRepeats(text: string): boolean {
  try {
    JSON.parse(text);
  } catch {
    return false;
  }
  return firstDuplicateKey(text) === undefined;
}

function expectSameAnswers(text: string): void {
  const offsetOf = jsonOffsets(text);
  const positionOf = linePositions(text);
  for (const path of pathsOf(JSON.parse(text))) {
    const offset = jsonOffsetOf(text, path);
    expect(offsetOf(path), JSON.stringify(path)).toBe(offset);
    if (offset !== undefined) expect(positionOf(offset)).toEqual(positionAt(text, offset));
  }
  for (const offset of [0, 1, text.length - 1, text.length, text.length + 5]) expect(positionOf(offset)).toEqual(positionAt(text, offset));
}

describe('positions in a JSON file, found in one walk', () => {
  it("are the per-path walk's, for every JSON file of the repository", () => {
    const files = execFileSync('git', ['ls-files', '*.json'], { cwd: root, encoding: 'utf8' })
      .split('\n')
      .filter((file) => file !== '' && file !== 'package-lock.json');
    expect(files.length).toBeGreaterThan(20);
    // The ones a run reads as JSON: some fixtures are broken on purpose, and tsconfig files hold comments.
    const texts = files.map((file) => readFileSync(resolve(root, file), 'utf8').replace(/^\uFEFF/u, '')).filter((text) => parsesWithoutRepeats(text));
    expect(texts.length).toBeGreaterThan(20);
    for (const text of texts) expectSameAnswers(text);
  });

  it("are the per-path walk's for any JSON, keys of digits, `__proto__`, CRLF and nesting included (property)", () => {
    const key = fc.oneof(fc.constantFrom('0', '1', '__proto__', 'constructor', 'a.b', ''), fc.string());
    const json = fc.letrec<{ value: unknown }>((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.jsonValue({ maxDepth: 1 }), fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(key, tie('value'), { maxKeys: 4 })),
    })).value;
    fc.assert(
      fc.property(json, fc.constantFrom(undefined, 2), fc.boolean(), (value, indent, crlf) => {
        const text = JSON.stringify(value, null, indent);
        expectSameAnswers(crlf ? text.replaceAll('\n', '\r\n') : text);
      }),
      { numRuns: Number(process.env.CREEPLINT_PROPERTY_RUNS ?? 200) },
    );
  });
});
