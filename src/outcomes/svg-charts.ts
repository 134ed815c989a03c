/**
 * The dashboard's charts, drawn here as inline SVG (no chart library, nothing fetched).
 * Each chart has a title and a description for screen readers, marks values with shapes
 * and words as well as colour, and is followed on the page by a table of the same numbers.
 */
import { escapeHtml } from '../report/html/escape.js';
import type { Interval } from './statistics/wilson.js';

export type Shape = 'circle' | 'square' | 'diamond' | 'triangle';

function marker(shape: Shape, x: number, y: number, colour: string, filled = true): string {
  const fill = filled ? colour : '#fff';
  const common = `fill="${fill}" stroke="${colour}" stroke-width="2"`;
  if (shape === 'square') return `<rect x="${(x - 5).toFixed(1)}" y="${(y - 5).toFixed(1)}" width="10" height="10" ${common}/>`;
  if (shape === 'diamond') return `<path d="M${x.toFixed(1)} ${(y - 6).toFixed(1)} l6 6 l-6 6 l-6 -6 z" ${common}/>`;
  if (shape === 'triangle') return `<path d="M${x.toFixed(1)} ${(y - 6).toFixed(1)} l6 11 l-12 0 z" ${common}/>`;
  return `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="5" ${common}/>`;
}

function ticks(low: number, high: number, count = 4): number[] {
  const step = (high - low) / count;
  return Array.from({ length: count + 1 }, (_, index) => low + step * index);
}

function frame(id: string, title: string, description: string, width: number, height: number, body: string): string {
  return `<svg class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${id}-title ${id}-desc"><title id="${id}-title">${escapeHtml(title)}</title><desc id="${id}-desc">${escapeHtml(description)}</desc>${body}</svg>`;
}

export interface IntervalRow {
  label: string;
  value: number | null;
  interval: Interval | null;
  shape: Shape;
  colour: string;
  /** Words after the numbers, e.g. "excludes zero". */
  note?: string;
  /** Draw the marker hollow (e.g. an interval that includes zero). */
  hollow?: boolean;
}

/** A dot for each value with a bar for its interval, one row each; with a zero line when the axis spans zero. */
export function intervalChart(options: {
  id: string;
  title: string;
  description: string;
  rows: readonly IntervalRow[];
  format: (value: number) => string;
  symmetric?: boolean;
}): string {
  const { rows, format } = options;
  const bounds = rows.flatMap((row) => (row.interval ? [...row.interval] : row.value === null ? [] : [row.value]));
  let high = Math.max(0, ...bounds);
  let low = Math.min(0, ...bounds);
  if (options.symmetric) {
    high = Math.max(Math.abs(low), Math.abs(high));
    low = -high;
  }
  if (high === low) high = low + 1;
  const pad = (high - low) * 0.05;
  [low, high] = [options.symmetric || low < 0 ? low - pad : low, high + pad];
  const left = 120;
  const plot = 300;
  const width = left + plot + 380;
  const rowHeight = 26;
  const height = rows.length * rowHeight + 34;
  const x = (value: number) => left + ((value - low) / (high - low)) * plot;
  const axis = ticks(low, high)
    .map(
      (tick) =>
        `<line x1="${x(tick).toFixed(1)}" x2="${x(tick).toFixed(1)}" y1="4" y2="${height - 26}" stroke="#e5e7eb"/><text x="${x(tick).toFixed(1)}" y="${height - 10}" font-size="11" text-anchor="middle" fill="#374151">${escapeHtml(format(tick))}</text>`,
    )
    .join('');
  const zero = low < 0 && high > 0 ? `<line x1="${x(0).toFixed(1)}" x2="${x(0).toFixed(1)}" y1="4" y2="${height - 26}" stroke="#111827" stroke-width="1.5"/>` : '';
  const body = rows
    .map((row, index) => {
      const y = index * rowHeight + 18;
      const label = `<text x="${left - 10}" y="${y + 4}" font-size="12" text-anchor="end" fill="#111827">${escapeHtml(row.label)}</text>`;
      if (row.value === null) return `${label}<text x="${left + 4}" y="${y + 4}" font-size="12" fill="#4b5563">no recipients</text>`;
      const bar = row.interval
        ? `<line x1="${x(row.interval[0]).toFixed(1)}" x2="${x(row.interval[1]).toFixed(1)}" y1="${y}" y2="${y}" stroke="${row.colour}" stroke-width="3"/><line x1="${x(row.interval[0]).toFixed(1)}" x2="${x(row.interval[0]).toFixed(1)}" y1="${y - 5}" y2="${y + 5}" stroke="${row.colour}" stroke-width="2"/><line x1="${x(row.interval[1]).toFixed(1)}" x2="${x(row.interval[1]).toFixed(1)}" y1="${y - 5}" y2="${y + 5}" stroke="${row.colour}" stroke-width="2"/>`
        : '';
      const words = `${format(row.value)}${row.interval ? ` [${format(row.interval[0])}, ${format(row.interval[1])}]` : ''}${row.note ? ` ${row.note}` : ''}`;
      return `<g><title>${escapeHtml(`${row.label}: ${words}`)}</title>${label}${bar}${marker(row.shape, x(row.value), y, row.colour, !row.hollow)}<text x="${left + plot + 12}" y="${y + 4}" font-size="12" fill="#111827">${escapeHtml(words)}</text></g>`;
    })
    .join('');
  return frame(options.id, options.title, options.description, width, height, `${axis}${zero}${body}`);
}

export interface Series {
  name: string;
  values: readonly (number | null)[];
  colour: string;
  shape: Shape;
  dashed?: boolean;
}

/** Values over campaigns, one line per series, with a legend in words and shapes. */
export function lineChart(options: {
  id: string;
  title: string;
  description: string;
  categories: readonly string[];
  series: readonly Series[];
  format: (value: number) => string;
}): string {
  const values = options.series.flatMap((series) => series.values.filter((value): value is number => value !== null));
  const high = Math.max(...values, 0) * 1.1 || 1;
  const left = 60;
  const plot = Math.max(320, options.categories.length * 90);
  const width = left + plot + 30;
  const top = 30;
  const inner = 150;
  const height = top + inner + 50;
  const step = options.categories.length > 1 ? plot / (options.categories.length - 1) : 0;
  const x = (index: number) => left + (options.categories.length > 1 ? index * step : plot / 2);
  const y = (value: number) => top + inner - (value / high) * inner;
  const axis = ticks(0, high)
    .map(
      (tick) =>
        `<line x1="${left}" x2="${left + plot}" y1="${y(tick).toFixed(1)}" y2="${y(tick).toFixed(1)}" stroke="#e5e7eb"/><text x="${left - 6}" y="${(y(tick) + 4).toFixed(1)}" font-size="11" text-anchor="end" fill="#374151">${escapeHtml(options.format(tick))}</text>`,
    )
    .join('');
  const labels = options.categories
    .map((category, index) => `<text x="${x(index).toFixed(1)}" y="${top + inner + 18}" font-size="11" text-anchor="middle" fill="#111827">${escapeHtml(category)}</text>`)
    .join('');
  const lines = options.series
    .map((series) => {
      const points = series.values.map((value, index) => (value === null ? null : { x: x(index), y: y(value), value, index }));
      const path = points.map((point, index) => (point ? `${index === 0 || !points[index - 1] ? 'M' : 'L'}${point.x.toFixed(1)} ${point.y.toFixed(1)}` : '')).join(' ');
      const markers = points
        .map((point) =>
          point
            ? `<g><title>${escapeHtml(`${series.name}, ${options.categories[point.index] ?? ''}: ${options.format(point.value)}`)}</title>${marker(series.shape, point.x, point.y, series.colour)}</g>`
            : '',
        )
        .join('');
      return `<path d="${path}" fill="none" stroke="${series.colour}" stroke-width="2"${series.dashed ? ' stroke-dasharray="6 4"' : ''}/>${markers}`;
    })
    .join('');
  const legend = options.series
    .map(
      (series, index) =>
        `${marker(series.shape, left + index * 150 + 6, 12, series.colour)}<text x="${left + index * 150 + 16}" y="16" font-size="12" fill="#111827">${escapeHtml(series.name)}${series.dashed ? ' (dashed)' : ''}</text>`,
    )
    .join('');
  return frame(options.id, options.title, options.description, width, height, `${axis}${labels}${lines}${legend}`);
}
