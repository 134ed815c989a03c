/**
 * Remember a value per (object, key) without keeping the object alive: per email shape,
 * data map or source text, each computed once however many recipients ask.
 */
export function weakMemo<Owner extends object, Value>(): (owner: Owner, key: string, make: () => Value) => Value {
  const memory = new WeakMap<Owner, Map<string, Value>>();
  return (owner, key, make) => {
    let values = memory.get(owner);
    if (!values) {
      values = new Map();
      memory.set(owner, values);
    }
    if (values.has(key)) return values.get(key) as Value;
    const value = make();
    values.set(key, value);
    return value;
  };
}
