/**
 * Remember a value per (object, key) without keeping the object alive: per email shape,
 * data map or source text, each computed once however many recipients ask.
 */
export class WeakMemo<Owner extends object, Value> {
  readonly #memory = new WeakMap<Owner, Map<string, Value>>();

  /** The value remembered for (owner, key), made and remembered now if there is none. */
  get(owner: Owner, key: string, make: () => Value): Value {
    let values = this.#memory.get(owner);
    if (!values) {
      values = new Map();
      this.#memory.set(owner, values);
    }
    if (values.has(key)) return values.get(key) as Value;
    const value = make();
    values.set(key, value);
    return value;
  }
}
