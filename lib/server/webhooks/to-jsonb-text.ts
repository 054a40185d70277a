// PostgreSQL's jsonb refuses two things JSON itself allows: the escape \u0000 and lone UTF-16
// surrogates (\ud800 without its pair). A signed Stripe event carrying either (free-text metadata can)
// must still be stored — answering 5xx would make Stripe retry it for days and then disable the
// endpoint — so both become U+FFFD in the stored copy. Nothing the portal maps is affected.

// An escape is real only after an even number of backslashes (`\\u0000` is a backslash and "u0000").
const UNSTORABLE_ESCAPE =
  /(?<!\\)((?:\\\\)*)\\u(?:0000|d[89ab][0-9a-f]{2}(?!\\ud[c-f][0-9a-f]{2})|d[c-f][0-9a-f]{2})/gi;

/** JSON text of `value` that PostgreSQL accepts as jsonb. */
export function toJsonbText(value: unknown): string {
  return JSON.stringify(value).replace(UNSTORABLE_ESCAPE, (_match, backslashes: string) => `${backslashes}\\ufffd`);
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text columns refuse NUL and lone surrogates too. */
export function toStorableText(value: string): string {
  return value.replaceAll("\u0000", "\ufffd").replace(LONE_SURROGATE, "\ufffd");
}
