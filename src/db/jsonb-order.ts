const encoder = new TextEncoder();

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  // jsonb orders an object's keys by length first, then byte by byte.
  if (a.length !== b.length) return a.length - b.length;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}

/**
 * An object with its keys in the order a jsonb column gives them back, so that an answer built from what was
 * just written serialises exactly as a later read of the row does.
 */
export function inJsonbKeyOrder<T extends Record<string, unknown>>(value: T): T {
  const keys = Object.keys(value).map((key) => ({ key, bytes: encoder.encode(key) }));
  keys.sort((a, b) => compareBytes(a.bytes, b.bytes));
  return Object.fromEntries(keys.map(({ key }) => [key, value[key]])) as T;
}
