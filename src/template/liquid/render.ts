import { Context, type Template } from 'liquidjs';
import { SECTIONS, type Section } from '../../model/vocabulary.js';
import type { RenderOptions, RenderOutcome, TracingRenderer } from '../language.js';
import { RenderStopped } from '../render-budget.js';
import type { LiquidAnalysis } from './prepare.js';
import type { SiteState } from './trace-nodes.js';
import { LIQUID_MEMORY_LIMIT } from './environment.js';

/**
 * The tracing render: liquidjs renders each section's instrumented templates, in
 * liquidjs's synchronous mode, with the recipient's data as the environment and their
 * consent as `consent` (what `{% if consent.marketing %}` reads; a profile field of that
 * name is not what it reads). Every value printed goes through the trace
 * (trace-nodes.ts); loops, values and text count against the render's budget.
 */
export function compileLiquid(analysis: LiquidAnalysis): TracingRenderer {
  const { runtime } = analysis;
  const sections = SECTIONS.flatMap((section) => {
    const templates = analysis.sections[section];
    return templates ? [{ section, templates }] : [];
  });
  const useCount = analysis.uses.reduce((size, use) => Math.max(size, use.id + 1), 0);
  return {
    render(data, consent, options: RenderOptions): RenderOutcome {
      runtime.recorder.reset(options.budget);
      runtime.hollow = options.hollow;
      runtime.arms = options.arms === true;
      const environment = environmentOf(data);
      try {
        const rendered: Partial<Record<Section, string>> = {};
        for (const { section, templates } of sections) rendered[section] = renderSection(templates, environment, consent, analysis);
        return { ok: true, render: { sections: rendered, slots: runtime.recorder.printedSlots(), flags: runtime.recorder.useFlags(useCount), arms: runtime.recorder.armsTaken() } };
      } catch (error) {
        const cause = causeOf(error);
        if (cause instanceof RenderStopped) return { ok: false, message: cause.message, limit: cause.limit };
        if (cause instanceof RangeError && /call stack/iu.test(cause.message)) return { ok: false, message: 'the template nests too deeply to render (Liquid ran out of stack)' };
        const message = cause instanceof Error ? cause.message : String(cause);
        if (/memory alloc limit exceeded/u.test(message))
          return { ok: false, message: `the render was stopped: Liquid made more than ${LIQUID_MEMORY_LIMIT.toLocaleString('en')} items (the memory limit)`, limit: 'memory' };
        return { ok: false, message: (message.split('\n')[0] ?? 'render failed').replace(/(, (file|line|col):[^,]*)+$/u, '') };
      } finally {
        runtime.frames = [new Map<string, SiteState>()];
        runtime.captures = [];
      }
    },
  };
}

function renderSection(templates: Template[], environment: object, consent: Readonly<Record<string, boolean>>, analysis: LiquidAnalysis): string {
  const { liquid, runtime } = analysis;
  runtime.frames = [new Map<string, SiteState>()];
  runtime.captures = [];
  const context = new Context(environment, liquid.options, { sync: true, globals: { consent }, ownPropertyOnly: true, memoryLimit: LIQUID_MEMORY_LIMIT }, { liquid });
  // Above the data: `consent` is the recipient's consent, whatever the profile holds.
  context.push({ consent });
  return liquid.renderSync(templates, context) as string;
}

/** The data as Liquid's environment: an object, whatever the profile holds. */
function environmentOf(data: unknown): object {
  return typeof data === 'object' && data !== null ? data : {};
}

/** liquidjs wraps what a tag or filter threw in a RenderError: the original says what happened. */
function causeOf(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 10; depth += 1) {
    const original = (current as { originalError?: unknown } | null)?.originalError;
    if (original === undefined) return current;
    current = original;
  }
  return current;
}
