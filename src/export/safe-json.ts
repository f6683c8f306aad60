/**
 * JSON text that is safe to print and to embed: JSON.stringify escapes C0 controls but leaves C1
 * controls (U+009B is a terminal's CSI), U+2028/U+2029 and bidi overrides raw. They can only occur
 * inside strings, where `\u` escapes parse back to the same text.
 */
const JSON_RAW = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function safeJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(
    JSON_RAW,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
