import type { Template } from 'liquidjs';
import { SECTIONS, type Section } from '../../model/vocabulary.js';
import { hollowMarker, openMarker } from '../markers.js';
import { TextPiece, TracedOutput } from './trace-nodes.js';

/**
 * The template's outline (template/language.ts): each section's instrumented templates
 * with every arm laid out in source order, every printed value marked by the uses it
 * prints (hollow), and each partial's copy where it is called. A capture's body is laid
 * out where the variable is printed, as its uses are.
 */
export function outlineOf(sections: Partial<Record<Section, Template[]>>, partials: WeakMap<Template, Template[]>): Partial<Record<Section, string>> {
  const outline: Partial<Record<Section, string>> = {};
  for (const section of SECTIONS) {
    const templates = sections[section];
    if (templates) outline[section] = outlineTemplates(templates, partials, new Set());
  }
  return outline;
}

function outlineTemplates(templates: readonly Template[] | undefined, partials: WeakMap<Template, Template[]>, open: Set<readonly Template[]>): string {
  if (!templates || open.has(templates)) return '';
  open.add(templates);
  let text = '';
  for (const template of templates) text += outlineTemplate(template, partials, open);
  open.delete(templates);
  return text;
}

function outlineTemplate(template: Template, partials: WeakMap<Template, Template[]>, open: Set<readonly Template[]>): string {
  if (template instanceof TextPiece) return template.text;
  if (template instanceof TracedOutput) {
    const ids = template.site.candidates.map((candidate) => candidate.id);
    return ids.length > 0 ? hollowMarker(openMarker(ids), 0) : '';
  }
  const partial = partials.get(template);
  if (partial) return outlineTemplates(partial, partials, open);
  const block = template as Partial<{ name: string; branches: { templates: Template[] }[]; templates: Template[]; elseTemplates: Template[] }>;
  if (block.name === 'capture') return '';
  let text = '';
  for (const branch of block.branches ?? []) text += outlineTemplates(branch.templates, partials, open);
  text += outlineTemplates(block.templates, partials, open);
  text += outlineTemplates(block.elseTemplates, partials, open);
  return text;
}
