import { InputError, InputErrors } from '../model/input-error.js';
import { BANDS, GROUPS } from '../model/vocabulary.js';
import type { AuditSummary } from './audit-summary.js';
import { isRecord } from '../load/datamap.js';
import { readInputFile } from '../load/read-input.js';
import { parseStructuredFile } from '../load/structured-file.js';

/** An audit's JSON summary (`audit --format json`), checked key by key, with the position of every problem. */
export async function loadAuditSummary(file: string, cwd?: string): Promise<AuditSummary> {
  const text = await readInputFile(file, 'audit summary', cwd);
  const parsed = parseStructuredFile(text, file);
  const problems: InputError[] = [];
  const problem = (path: readonly (string | number)[], message: string): void => {
    const position = parsed.positionOf(path);
    problems.push(new InputError({ file, line: position?.line, column: position?.column, message }));
  };
  const value = parsed.value;
  if (!isRecord(value)) throw new InputError({ file, line: 1, column: 1, message: 'an audit summary is the JSON object `creeplint audit --format json` writes' });
  const count = (path: readonly (string | number)[], found: unknown): void => {
    if (typeof found !== 'number' || !Number.isInteger(found) || found < 0) problem(path, `\`${path.join('.')}\` must be a count (a whole number, 0 or more)`);
  };
  for (const key of ['read', 'send', 'hold', 'malformed'] as const) count([key], value[key]);
  const counts = (key: string, names: readonly string[], required: boolean): void => {
    const found = value[key];
    if (found === undefined && !required) return;
    if (!isRecord(found)) {
      problem([key], `\`${key}\` must map ${names.join(', ')} to counts`);
      return;
    }
    for (const name of names) count([key, name], found[name]);
  };
  counts('bands', BANDS, true);
  counts('groups', GROUPS, false);
  const list = (key: string, check: (item: unknown, index: number) => void): void => {
    const found = value[key];
    if (!Array.isArray(found)) {
      problem([key], `\`${key}\` must be a list`);
      return;
    }
    found.forEach(check);
  };
  list('holdReasons', (item, index) => {
    if (!isRecord(item) || typeof item['ruleId'] !== 'string') {
      problem(['holdReasons', index], '`holdReasons` items are { ruleId, count }');
      return;
    }
    count(['holdReasons', index, 'count'], item['count']);
  });
  list('malformedRecords', (item, index) => {
    if (!isRecord(item) || typeof item['message'] !== 'string') {
      problem(['malformedRecords', index], '`malformedRecords` items are { line, message }');
      return;
    }
    count(['malformedRecords', index, 'line'], item['line']);
  });
  list('scoreHistogram', (item, index) => {
    count(['scoreHistogram', index], item);
  });
  if (Array.isArray(value['scoreHistogram']) && value['scoreHistogram'].length !== 21) problem(['scoreHistogram'], '`scoreHistogram` has 21 buckets (0–4, 5–9, … 95–99, 100)');
  const examples = value['examples'];
  if (!isRecord(examples) || !BANDS.every((band) => Array.isArray(examples[band]) && (examples[band] as unknown[]).every((id) => typeof id === 'string'))) {
    problem(['examples'], '`examples` must map each band to a list of ids');
  }
  if (problems.length > 0) throw new InputErrors(problems);
  return value as unknown as AuditSummary;
}
