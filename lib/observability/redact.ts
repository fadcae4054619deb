// The log's second line of defence: fields named like secrets (in any case), at the top of a log
// record and one level down (a `headers` object, a `user`), are censored. pino's own
// `redact` option did the same from a list of paths, but it parsed every path and
// copied part of the record on every call: about a twelfth of what a hub allocated
// under search load (V8's sampling heap profiler, bench/search at 10k), for request
// lines that hold no secret. This walks the keys and copies only what it censors.

const SECRET_KEYS = new Set(["authorization", "cookie", "set-cookie", "password", "token", "secret", "email"]);
export const CENSOR = "[redacted]";

const isObject = (v: unknown): v is object => v !== null && typeof v === "object" && !Array.isArray(v);
// header names keep their case outside Node's parser (a fetch Headers copied into an object)
const UPPER = /[A-Z]/;
const isSecret = (key: string) => SECRET_KEYS.has(key) || (UPPER.test(key) && SECRET_KEYS.has(key.toLowerCase()));

/**
 * A copy of `o`: same prototype, own properties, non-enumerable ones too (an Error's message and
 * stack), all of them configurable so that a frozen record's copy can be censored.
 */
function copyOf<T extends object>(o: T): T {
  const props: PropertyDescriptorMap = Object.getOwnPropertyDescriptors(o);
  for (const key of Reflect.ownKeys(props)) props[key as string]!.configurable = true;
  return Object.create(Object.getPrototypeOf(o), props) as T;
}

function redactLevel<T extends object>(o: T, deeper: boolean): T {
  let out: T | null = null;
  for (const key of Object.keys(o)) {
    const value = (o as Record<string, unknown>)[key];
    const next = isSecret(key) ? CENSOR : deeper && isObject(value) ? redactLevel(value, false) : value;
    // defined, not assigned: the copied property may be read-only or a getter
    if (next !== value) Object.defineProperty((out ??= copyOf(o)), key, { value: next, enumerable: true, writable: true, configurable: true });
  }
  return out ?? o;
}

/** `record` with secret-named fields censored at its top and one level down; the record itself when there are none (callers' objects are never changed). */
export function redactSecrets<T extends object>(record: T): T {
  return redactLevel(record, true);
}
