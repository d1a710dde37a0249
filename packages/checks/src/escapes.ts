// nanny's backslash translation of send and expect strings (section 6.2), unless -T is given.

const ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\',
  r: '\r',
  n: '\n',
  t: '\t',
  "'": "'",
  '"': '"',
};

/**
 * Left to right, `\\ \r \n \t \' \"` become one character each; a translated character is
 * never looked at again, so `\\n` gives a backslash and `n`. Strings of one character are
 * left alone, as in the original.
 *
 * Any other backslash sequence, and a trailing backslash, is kept as written. The original
 * intends this but never advances past such a backslash and spins at start-up; keeping it
 * lets `\.` reach a --regex expect string.
 */
export function translateEscapes(text: string): string {
  if (text.length <= 1) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    const replacement = ch === '\\' ? ESCAPES[text.charAt(i + 1)] : undefined;
    if (replacement === undefined) {
      out += ch;
    } else {
      out += replacement;
      i++;
    }
  }
  return out;
}
