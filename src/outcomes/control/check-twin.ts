import { checkTemplate, type TemplateCheck, type TemplateCheckInput } from '../../engine/check-template.js';

/** Something that keeps the twin from being sent as it is, for the recipients it was judged for. */
export interface Shortfall {
  /** An error finding, or a score above `helpful` with no error. */
  kind: 'error' | 'band';
  /** The file the finding is in (the twin, or a partial it calls) and its line there. */
  file: string;
  line: number;
  message: string;
  /** The profiles it applies to (`on its own` when judged without one). */
  profiles: string[];
}

/**
 * Judge the twin as any template is judged (the one recipient pipeline), for each
 * profile, or on its own without one. The twin is ready when every result is `helpful`
 * with no unsuppressed error; each error finding, and each result above `helpful`, is a
 * shortfall a person must see to.
 */
export async function checkTwin(input: TemplateCheckInput): Promise<{ check: TemplateCheck; shortfalls: Shortfall[] }> {
  const check = await checkTemplate(input);
  const shortfalls = new Map<string, Shortfall>();
  const add = (shortfall: Omit<Shortfall, 'profiles'>, profile: string): void => {
    const key = `${shortfall.file}\u0000${shortfall.line}\u0000${shortfall.message}`;
    const known = shortfalls.get(key);
    if (known) known.profiles.push(profile);
    else shortfalls.set(key, { ...shortfall, profiles: [profile] });
  };
  for (const result of check.results) {
    const profile = result.profile ?? 'on its own';
    const errors = result.findings.filter((finding) => finding.severity === 'error' && !finding.suppressed);
    for (const finding of errors) add({ kind: 'error', file: finding.file, line: finding.line, message: `${finding.ruleId}: ${finding.message}` }, profile);
    if (errors.length === 0 && result.band !== 'helpful') {
      const heaviest = [...result.findings]
        .sort((a, b) => b.points - a.points)
        .slice(0, 3)
        .map((finding) => `${finding.ruleId} at line ${finding.line}`);
      add({ kind: 'band', file: input.file, line: 1, message: `the twin scores ${result.score} (${result.band}), above helpful: mostly ${heaviest.join(', ')}` }, profile);
    }
  }
  return { check, shortfalls: [...shortfalls.values()].sort((a, b) => (a.file === b.file ? a.line - b.line : a.file === input.file ? -1 : 1)) };
}
