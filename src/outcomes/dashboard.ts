import type { OutcomesReport } from './report-shape.js';
export function formatOutcomesHtml(report: OutcomesReport): string {
  return JSON.stringify(report);
}
