/**
 * JSON with two-space indentation down to `inlineFromDepth`, and every value at that depth or deeper on one
 * line. Long lists (a weight history, the trades behind a penalty) then take one line per item instead of
 * five, which keeps years of journal readable and diffable. Key order is the objects' own (builders
 * construct them in a fixed order); the text always ends with a newline.
 */
export function jsonText(value: unknown, inlineFromDepth = Number.POSITIVE_INFINITY): string {
  return write(value, 0, inlineFromDepth) + '\n';
}

/**
 * A value already written as one-line JSON (what JSON.stringify would give), placed as it is: long lists
 * of small records (a weight history of years) are then written with a template, not walked key by key.
 */
export class RawJson {
  constructor(readonly text: string) {}
}

function write(value: unknown, depth: number, inlineFrom: number): string {
  if (value instanceof RawJson) return value.text;
  if (depth >= inlineFrom || value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const pad = '  '.repeat(depth + 1);
  const close = '  '.repeat(depth);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((item) => pad + write(item, depth + 1, inlineFrom)).join(',\n')}\n${close}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([key, item]) => `${pad}${JSON.stringify(key)}: ${write(item, depth + 1, inlineFrom)}`).join(',\n')}\n${close}}`;
}
