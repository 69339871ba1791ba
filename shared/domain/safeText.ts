/**
 * Text copied from an input file into a message, made safe for a terminal and a log: control characters
 * (ESC, BEL, NUL, a newline inside a field, C1 controls) are written as `\xHH`, so a crafted file cannot move
 * the cursor, recolour the screen or split one error into two lines.
 */
export function escapeControlChars(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()}`);
}
