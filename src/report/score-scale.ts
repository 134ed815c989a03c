import { SEVERITIES, type Severity } from '../model/severity.js';
import { BANDS, type Band } from '../model/vocabulary.js';
import { BAND_FLOORS } from '../score/weights.js';

/**
 * How every page shows the score's scale: where each band starts and ends, its colour,
 * the order and look of severities, and how points are written. The HTML report, the
 * audit report, the outcomes dashboard and the studio (which gets these as a module the
 * server writes from this one, `studioScaleModule`) all read them here, so a band's limit
 * or colour cannot differ from one page to the next.
 */

/**
 * One colour per band, dark enough for text on white (WCAG AA, 4.5:1) as well as for the
 * gauge's arcs and the charts' bars.
 */
const BAND_COLOURS: Readonly<Record<Band, string>> = { helpful: '#15803d', familiar: '#1d4ed8', intrusive: '#b45309', creepy: '#b91c1c' };

export interface BandLook {
  band: Band;
  /** The lowest score in the band. */
  floor: number;
  /** Where the band's arc starts and ends on the 0–100 gauge: scores are whole numbers, so neighbours meet half-way. */
  from: number;
  to: number;
  colour: string;
}

/** The bands, lowest first. */
export const BAND_LOOKS: readonly BandLook[] = BANDS.map((band, index) => {
  const next = BANDS[index + 1];
  return { band, floor: BAND_FLOORS[band], from: index === 0 ? 0 : BAND_FLOORS[band] - 0.5, to: next === undefined ? 100 : BAND_FLOORS[next] - 0.5, colour: BAND_COLOURS[band] };
});

export function bandColour(band: Band): string {
  return BAND_COLOURS[band];
}

export interface SeverityLook {
  severity: Severity;
  /** Told in an icon and a word too, never by colour alone. */
  icon: string;
  label: string;
  colour: string;
}

const SEVERITY_PARTS: Readonly<Record<Severity, Omit<SeverityLook, 'severity'>>> = {
  error: { icon: '✖', label: 'Error', colour: '#b91c1c' },
  warning: { icon: '▲', label: 'Warning', colour: '#b45309' },
  info: { icon: 'ℹ', label: 'Info', colour: '#1d4ed8' },
};

/** Severities, worst first: the order findings are listed in. */
export const SEVERITY_LOOKS: readonly SeverityLook[] = SEVERITIES.map((severity) => ({ severity, ...SEVERITY_PARTS[severity] }));

/** The colour of "nothing wrong": a value with no finding. */
const OK_COLOUR = BAND_COLOURS.helpful;

/** Points as the score reads them: "+5", "−2" (a minus sign, U+2212), "0". The studio runs this same function. */
export function signedPoints(points: number): string {
  return points > 0 ? `+${points}` : points < 0 ? `\u2212${Math.abs(points)}` : '0';
}

/** CSS for the colours: custom properties for severities, and each band's name in its colour. */
export function scaleStyles(): string {
  const severities = SEVERITY_LOOKS.map((look) => `--${look.severity}:${look.colour}`).join(';');
  const bands = BAND_LOOKS.map((look) => `.band-${look.band}{color:${look.colour}}`).join('');
  return `:root{${severities};--ok:${OK_COLOUR}}${bands}`;
}

/**
 * The studio's copy of this module, as JavaScript the browser imports (`/score-scale.js`):
 * the same values, and `signedPoints` as the same function, not a rewrite of it.
 */
export function studioScaleModule(): string {
  return [
    '// Written by the server from src/report/score-scale.ts: edit that file, not this one.',
    `export const BAND_LOOKS = ${JSON.stringify(BAND_LOOKS)};`,
    `export const SEVERITY_LOOKS = ${JSON.stringify(SEVERITY_LOOKS)};`,
    `export const signedPoints = ${signedPoints.toString()};`,
    '',
  ].join('\n');
}
