import type { Binding, Frame } from './frames.js';

export type { Binding, Frame } from './frames.js';

/** Whether a data path (segments, `[]` for array items) is described by the data map. */
export type KnownPath = (segments: readonly string[]) => boolean;

const NUMERIC = /^\d+$/u;

/** `items.0.name` and `items.[0].name` read "an item of items": `items[].name`. */
function normalise(parts: readonly string[]): string[] {
  return parts.map((part) => (NUMERIC.test(part) ? '[]' : part));
}

export interface ScopeState {
  frames: readonly Frame[];
  /** Innermost last. */
  blockParams: readonly ReadonlyMap<string, Binding>[];
  known: KnownPath;
}

/**
 * Resolve a Handlebars path expression to the data it reads, following Handlebars'
 * rules: `@root`, `../` (only context-changing blocks count), `this`, block params,
 * partial hash arguments, and Mustache-style sections whose context may be a list,
 * an object or a plain flag.
 */
export function resolvePath(path: hbs.AST.PathExpression, scope: ScopeState): Binding {
  const parts = normalise(path.parts);
  if (path.data) {
    if (parts[0] === 'root') return { kind: 'data', segments: parts.slice(1) };
    return { kind: 'none' };
  }
  const explicitThis = /^(this\b|\.\/|\.$)/u.test(path.original);
  const head = parts[0];
  if (!explicitThis && path.depth === 0 && head !== undefined) {
    for (let index = scope.blockParams.length - 1; index >= 0; index -= 1) {
      const binding = scope.blockParams[index]?.get(head);
      if (binding) return extend(binding, parts.slice(1));
    }
  }
  const frameIndex = Math.max(0, scope.frames.length - 1 - path.depth);
  return resolveInFrame(parts, frameIndex, scope, explicitThis);
}

function resolveInFrame(parts: string[], frameIndex: number, scope: ScopeState, explicitThis: boolean): Binding {
  const frame = scope.frames[frameIndex];
  if (!frame) return { kind: 'data', segments: parts };
  const head = parts[0];
  if (head !== undefined && frame.hash?.has(head)) {
    return extend(frame.hash.get(head) ?? { kind: 'none' }, parts.slice(1));
  }
  if (frame.kind === 'section') {
    const asList = [...frame.list, ...parts];
    const asObject = [...frame.object, ...parts];
    if (scope.known(asList)) return { kind: 'data', segments: asList };
    if (scope.known(asObject)) return { kind: 'data', segments: asObject };
    // A section over a plain flag keeps the outer context.
    if (!explicitThis && parts.length > 0 && frameIndex > 0) {
      const outer = resolveInFrame(parts, frameIndex - 1, scope, explicitThis);
      if (outer.kind === 'data' && scope.known(outer.segments)) return outer;
    }
    return { kind: 'data', segments: asObject };
  }
  if (frame.base === null) return { kind: 'none' };
  // May be empty: the root context itself, a valid base for `lookup`, `#with` or a partial.
  return { kind: 'data', segments: [...frame.base, ...parts] };
}

function extend(binding: Binding, rest: readonly string[]): Binding {
  if (binding.kind === 'none') return binding;
  return { kind: 'data', segments: [...binding.segments, ...rest] };
}
