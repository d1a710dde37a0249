// Probes deal in bytes, as the original's C strings did: strings from the command line are
// sent as their UTF-8 bytes, and replies are compared byte for byte.

const encoder = new TextEncoder();

export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Each byte as one character (ISO-8859-1), so log lines show replies whatever they hold. */
export function latin1(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return text;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  return a.every((byte, i) => byte === b[i]);
}

/** The bytes before the first NUL: what a C string function would see. */
export function beforeNul(bytes: Uint8Array): Uint8Array {
  const nul = bytes.indexOf(0);
  return nul < 0 ? bytes : bytes.subarray(0, nul);
}
