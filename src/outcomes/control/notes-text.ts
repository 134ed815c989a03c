import type { ControlNote, ControlTwin } from './control-twin.js';

const LABELS: Readonly<Record<ControlNote['kind'], string>> = {
  replaced: 'replaced',
  removed: 'removed',
  inlined: 'inlined',
  purpose: 'purpose',
  'needs-human': 'needs a person',
};

/**
 * What the twin changed and what it could not, line by line, and the verdict: ready for
 * review, or the lines a person must reword. Fields and template text only, never a value.
 */
export function formatControlNotes(file: string, twin: ControlTwin): string {
  const width = Math.max(...twin.notes.map((note) => String(note.line).length), 1);
  const lines = [`${file}: control twin`];
  for (const note of twin.notes) lines.push(`  ${String(note.line).padStart(width)}  ${LABELS[note.kind].padEnd(14)}  ${note.message}`);
  if (twin.notes.length === 0) lines.push('  nothing personal: the twin is the template as it is');
  const { needsHuman } = twin;
  if (needsHuman.length === 0) lines.push(`✔ the twin scores helpful with no error ${judgedFor(twin)}: review it, then send it to the control group`);
  else
    lines.push(
      `✖ ${needsHuman.length === 1 ? 'line' : 'lines'} ${needsHuman.join(', ')} of the twin ${needsHuman.length === 1 ? 'needs' : 'need'} a person before it can go to the control group`,
    );
  return `${lines.join('\n')}\n`;
}

function judgedFor(twin: ControlTwin): string {
  return `for ${twin.check.results.map((result) => result.profile ?? 'no recipient').join(', ')}`;
}
