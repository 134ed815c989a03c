import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATA_MAP } from './paths.js';
import { apiAudit, apiCheck, apiServer, batchedAudit, checkerOver, cliAudit, cliCheck, lintAlone, lintTogether, templateFiles, type Judgement } from './paths.js';
import { recipientArbitrary, type RecipientRecord } from './recipients.js';

/**
 * One definition of the result: for every template, lint() with one recipient alone is
 * the reference, and every other path (lint() with many, `creeplint check`, the pre-send
 * checker in any order and twice, `creeplint audit` with 1 and 2 workers, the HTTP API's
 * check and audit) must give each recipient exactly that verdict, score, band and
 * findings. The recipients are adversarial (see recipients.ts); the seed changes with
 * CREEPLINT_DIFFERENTIAL_SEED, and fast-check prints it when a run fails.
 */
const SEED = Number(process.env['CREEPLINT_DIFFERENTIAL_SEED'] ?? 20261129);
const RECIPIENTS = Number(process.env['CREEPLINT_DIFFERENTIAL_RECIPIENTS'] ?? 24);
const FIELDS = [...DATA_MAP.fields.keys()];
const FILES = templateFiles();

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const copy = [...items];
  let state = seed >>> 0 || 1;
  for (let index = copy.length - 1; index > 0; index -= 1) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const other = state % (index + 1);
    [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
  }
  return copy;
}

function audienceFor(index: number, count = RECIPIENTS): RecipientRecord[] {
  return fc.sample(recipientArbitrary(FIELDS), { numRuns: count, seed: SEED + index }).map((recipient, position) => ({ id: `r-${index}-${position}`, ...recipient }));
}

/** Where a path disagrees with the reference, one line each. */
function divergences(path: string, reference: ReadonlyMap<string, Judgement>, got: ReadonlyMap<string, Judgement>, withFindings: boolean): string[] {
  const lines: string[] = [];
  for (const [id, expected] of reference) {
    const actual = got.get(id);
    if (!actual) {
      lines.push(`${path} ${id}: no result`);
      continue;
    }
    for (const key of ['verdict', 'score', 'band'] as const) {
      if (actual[key] !== expected[key]) lines.push(`${path} ${id}: ${key} ${String(expected[key])} ≠ ${String(actual[key])}`);
    }
    if (JSON.stringify(actual.rules) !== JSON.stringify(expected.rules)) lines.push(`${path} ${id}: rules ${expected.rules.join(',')} ≠ ${actual.rules.join(',')}`);
    if (withFindings && JSON.stringify(actual.findings) !== JSON.stringify(expected.findings)) {
      lines.push(`${path} ${id}: findings\n    ${(expected.findings ?? []).join('\n    ')}\n  ≠ ${(actual.findings ?? []).join('\n    ')}`);
    }
  }
  return lines;
}

/** How many divergences each path had, and for how many recipients. */
function summarise(found: readonly string[]): string {
  const byPath = new Map<string, Set<string>>();
  for (const line of found) {
    const [path = '', id = ''] = line.split(/ (?=[rp]-)/u);
    byPath.set(path, (byPath.get(path) ?? new Set()).add(id.split(':')[0] ?? ''));
  }
  return [...byPath].map(([path, ids]) => `${path}: ${ids.size} recipients`).join(', ');
}

describe('every path gives each recipient the result lint() gives them alone', () => {
  let api: Awaited<ReturnType<typeof apiServer>>;
  beforeAll(async () => {
    api = await apiServer(FILES);
  });
  afterAll(async () => {
    await api.server.close();
  });

  FILES.forEach((file, index) => {
    it(file, async () => {
      const audience = audienceFor(index);
      const reference = new Map<string, Judgement>();
      for (const recipient of audience) {
        const judged = await lintAlone(file, recipient);
        if (judged) reference.set(recipient.id, judged);
      }
      expect(reference.size).toBeGreaterThan(audience.length / 2);
      const first = shuffled(audience, SEED + index);
      const second = shuffled(audience, SEED + index + 1);
      const name = api.names.get(file) ?? file;
      const found = [
        ...divergences('lint(all)', reference, await lintTogether(file, first), true),
        ...(await checkerOver(file, [...first, ...second], 2)).flatMap((round, pass) => divergences(`checker pass ${pass + 1}`, reference, round, true)),
        ...divergences('creeplint check', reference, await cliCheck(file, second), true),
        ...divergences('audit --workers 1', reference, await cliAudit(file, first, 1), false),
        ...divergences('audit --workers 2', reference, await cliAudit(file, second, 2), false),
        ...divergences('audit in batches of 3, this thread', reference, await batchedAudit(file, second, 1), false),
        ...divergences('audit in batches of 3, 2 workers', reference, await batchedAudit(file, first, 2), false),
        ...divergences('POST /api/check', reference, await apiCheck(api.server, name, first), true),
        ...divergences('POST /api/audit', reference, await apiAudit(api.server, name, second), false),
      ];
      if (found.length > 0) console.log(`${file}: ${found.length} divergences (${summarise(found)})\n${found.slice(0, 12).join('\n')}`);
      expect(found).toEqual([]);
    }, 300_000);
  });

  it('the checker agrees with lint() on any audience, in any order (property)', async () => {
    const file = 'templates/browse-abandon.hbs';
    await fc.assert(
      fc.asyncProperty(fc.array(recipientArbitrary(FIELDS), { minLength: 2, maxLength: 12 }), fc.nat(), async (recipients, order) => {
        const audience = recipients.map((recipient, position) => ({ id: `p-${position}`, ...recipient }));
        const reference = new Map<string, Judgement>();
        for (const recipient of audience) {
          const judged = await lintAlone(file, recipient);
          if (judged) reference.set(recipient.id, judged);
        }
        const [round] = await checkerOver(file, shuffled(audience, order), 1);
        expect(divergences('checker', reference, round ?? new Map(), true)).toEqual([]);
      }),
      { numRuns: 40, seed: SEED },
    );
  }, 300_000);
});

describe('an audience larger than one batch, with 1 and 2 workers', () => {
  it('gives every recipient the same verdict as lint() alone', async () => {
    const file = 'templates/browse-abandon.hbs';
    const audience = audienceFor(1000, 2100);
    const reference = new Map<string, Judgement>();
    for (const recipient of audience) {
      const judged = await lintAlone(file, recipient);
      if (judged) reference.set(recipient.id, judged);
    }
    const found = [...divergences('audit --workers 1', reference, await cliAudit(file, audience, 1), false), ...divergences('audit --workers 2', reference, await cliAudit(file, shuffled(audience, 7), 2), false)];
    if (found.length > 0) console.log(`${file}, ${audience.length} recipients: ${found.length} divergences (${summarise(found)})\n${found.slice(0, 12).join('\n')}`);
    expect(found).toEqual([]);
  }, 600_000);
});
