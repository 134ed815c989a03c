import type Handlebars from 'handlebars';

/**
 * Runs compiled templates of one environment with the per-call setup done once.
 *
 * On every top-level call Handlebars copies the environment's helpers, wraps each of them
 * to hand it `lookupProperty`, builds the prototype-access rules and moves the missing-
 * helper hooks; every helper call then copies its options. For the tracing render, whose
 * tokens are all helper calls, that setup costs more than the rest of a small render, and
 * the checker signs every recipient. Handlebars' runtime (4.7) takes ready-made helpers,
 * partials, hooks and access rules when a template runs as a partial (`partial: true`),
 * which is what this does. The rules are Handlebars' defaults with prototype access off:
 * only own properties are read. `test/template/sign.test.ts` proves the trace equals that
 * of an ordinary call for every bundled and corpus template.
 */
export function preparedRunner(environment: typeof Handlebars): (template: Handlebars.TemplateDelegate, context: unknown, data: Record<string, unknown>) => string {
  const ownProperty = (parent: Record<string, unknown>, name: string): unknown => (Object.hasOwn(parent, name) ? parent[name] : undefined);
  const helpers: Record<string, unknown> = { ...environment.helpers };
  const hooks = { helperMissing: helpers['helperMissing'], blockHelperMissing: helpers['blockHelperMissing'] };
  delete helpers['helperMissing'];
  delete helpers['blockHelperMissing'];
  // `lookup` is the only built-in helper that reads properties through its options.
  const lookup = helpers['lookup'] as (...args: unknown[]) => unknown;
  helpers['lookup'] = (object: unknown, field: unknown, options: object) => lookup(object, field, { ...options, lookupProperty: ownProperty });
  const denyAll = () => ({ whitelist: Object.create(null) as Record<string, boolean>, defaultValue: false });
  const protoAccessControl = { properties: denyAll(), methods: denyAll() };
  return (template, context, data) =>
    template(context, {
      partial: true,
      helpers,
      partials: environment.partials,
      decorators: environment.decorators,
      hooks,
      protoAccessControl,
      data: { ...data, root: context },
    } as Handlebars.RuntimeOptions);
}
