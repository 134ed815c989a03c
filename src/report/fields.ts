import type { FieldReport } from '../model/finding.js';

/** `creeplint fields` as text: per template, each field with category, source, role (when it has one) and uses. */
export function formatFields(listing: readonly { template: string; fields: readonly FieldReport[] }[]): string {
  const lines: string[] = [];
  for (const { template, fields } of listing) {
    lines.push(template);
    if (fields.length === 0) lines.push('  (reads no customer data)');
    const width = Math.max(0, ...fields.map((field) => field.field.length));
    for (const field of fields) {
      const role = field.role === undefined ? '' : `, role ${field.role}`;
      const described = field.category === null ? 'not in the data map' : `${field.category}, ${field.source ?? 'unknown source'}${role}`;
      lines.push(`  ${field.field.padEnd(width)}  ${described}  (${field.uses.join(', ')})`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
