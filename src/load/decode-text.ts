import { TextDecoder } from 'node:util';

/**
 * Text as people save it: UTF-8 with or without a byte order mark (Notepad, Excel's
 * "CSV UTF-8"), or UTF-16 little- or big-endian with one (PowerShell 5's `>`, Excel's
 * "Unicode text"). Every input file is decoded here, so each reader accepts the same.
 */

type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/** The encoding a byte order mark names; UTF-8 when there is none. */
function sniff(bytes: Uint8Array): Encoding {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

/** Decode a whole file; the byte order mark, if any, is dropped. Invalid UTF-8 becomes U+FFFD, as Node's 'utf8' does. */
export function decodeText(bytes: Uint8Array): string {
  // TextDecoder drops the byte order mark of its own encoding (ignoreBOM: false).
  return new TextDecoder(sniff(bytes)).decode(bytes);
}

/**
 * Why decoded text cannot be what its author saved, if it cannot: UTF-16 without a byte
 * order mark (or any binary file) decodes to text full of NUL characters, which no
 * template, data map or profile holds. Said in words, never by printing the text.
 */
export function notTextReason(text: string): string | undefined {
  return text.includes('\0') ? 'is not text: it contains NUL bytes (UTF-16 needs a byte order mark; save it as UTF-8)' : undefined;
}

/** Decode a byte stream chunk by chunk (characters split across chunks included), in constant memory. */
export async function* decodeTextStream(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  let decoder: TextDecoder | undefined;
  // The mark is two or three bytes: wait for them before choosing.
  let head: Uint8Array = new Uint8Array(0);
  for await (const chunk of chunks) {
    if (!decoder) {
      head = concat(head, chunk);
      if (head.length < 3) continue;
      decoder = new TextDecoder(sniff(head));
      const text = decoder.decode(head, { stream: true });
      if (text !== '') yield text;
      continue;
    }
    const text = decoder.decode(chunk, { stream: true });
    if (text !== '') yield text;
  }
  // A file shorter than a byte order mark is decoded whole here; otherwise flush the decoder.
  const rest = decoder ? decoder.decode() : new TextDecoder(sniff(head)).decode(head);
  if (rest !== '') yield rest;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a, 0);
  joined.set(b, a.length);
  return joined;
}
