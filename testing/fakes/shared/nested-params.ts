/** A request parameter as Stripe reads it from `a[b][0]=x` style form or query encoding. */
export type ParamValue = string | ParamValue[] | ParamObject;
export type ParamObject = { [key: string]: ParamValue };

export class ParamSyntaxError extends Error {
  constructor(
    message: string,
    readonly param: string,
  ) {
    super(message);
  }
}

// Limits keep a hostile or buggy client from building huge structures; Stripe's own limits are similar.
const MAX_PARAMS = 2000;
const MAX_DEPTH = 8;
const MAX_ARRAY_INDEX = 1000;
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/**
 * Parses `application/x-www-form-urlencoded` text (body or query) into nested params the way Stripe does:
 * `metadata[k]=v` → `{ metadata: { k: 'v' } }`, `enabled_events[]=a` and `enabled_events[0]=a` → arrays,
 * `payment[type]=payment_intent` → nested objects. Throws `ParamSyntaxError` on malformed keys, so the
 * caller can answer 400 instead of crashing.
 */
export function parseNestedParams(text: string): ParamObject {
  const root: Node = {};
  const entries = [...new URLSearchParams(text)];
  if (entries.length > MAX_PARAMS) throw new ParamSyntaxError("Too many parameters", "");
  for (const [rawKey, value] of entries) {
    const path = parseKey(rawKey);
    assign(root, path, value, rawKey);
  }
  return finalize(root) as ParamObject;
}

function parseKey(rawKey: string): string[] {
  const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(rawKey);
  if (!match || match[1] === undefined) throw new ParamSyntaxError(`Invalid parameter name: ${rawKey}`, rawKey);
  const segments = [match[1]];
  const rest = match[2] ?? "";
  for (const part of rest.matchAll(/\[([^[\]]*)\]/g)) segments.push(part[1] ?? "");
  if (segments.length > MAX_DEPTH) throw new ParamSyntaxError(`Parameter nested too deeply: ${rawKey}`, rawKey);
  for (const segment of segments) {
    if (FORBIDDEN_KEYS.has(segment)) throw new ParamSyntaxError(`Invalid parameter name: ${rawKey}`, rawKey);
  }
  return segments;
}

type Node = { [key: string]: Node | string };

function assign(root: Node, path: string[], value: string, rawKey: string): void {
  let node = root;
  for (let i = 0; i < path.length; i++) {
    let segment = path[i] as string;
    const isLast = i === path.length - 1;
    if (segment === "") {
      // `[]` appends: use the next free numeric index of this container.
      segment = String(Object.keys(node).length);
    } else if (/^\d+$/.test(segment) && Number(segment) > MAX_ARRAY_INDEX) {
      throw new ParamSyntaxError(`Array index too large in ${rawKey}`, rawKey);
    }
    const existing = node[segment];
    if (isLast) {
      if (existing !== undefined && typeof existing !== "string") {
        throw new ParamSyntaxError(`Conflicting values for parameter ${rawKey}`, rawKey);
      }
      node[segment] = value;
      return;
    }
    if (existing === undefined) {
      const child: Node = {};
      node[segment] = child;
      node = child;
    } else if (typeof existing === "string") {
      throw new ParamSyntaxError(`Conflicting values for parameter ${rawKey}`, rawKey);
    } else {
      node = existing;
    }
  }
}

/** Turns objects whose keys are exactly 0..n-1 into arrays (Stripe's indexed array encoding). */
function finalize(node: Node | string): ParamValue {
  if (typeof node === "string") return node;
  const keys = Object.keys(node);
  const isArray = keys.length > 0 && keys.every((key, index) => key === String(index));
  if (isArray) return keys.map((key) => finalize(node[key] as Node | string));
  const out: ParamObject = {};
  for (const key of keys) out[key] = finalize(node[key] as Node | string);
  return out;
}
