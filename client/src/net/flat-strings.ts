import { decode } from "@colyseus/schema";

/**
 * @colyseus/schema 5 decodes a synced string one character at a time (`s += String.fromCharCode(b)`
 * in `utf8Read`). JavaScript engines keep such a string as a rope with one node per character
 * until something flattens it, so a 250-character proposal record costs some 8 KB of heap, and
 * work for the garbage collector, instead of about 270 bytes. The state's records, briefs and
 * point tables are all long strings. This decoder reads the same bytes in one TextDecoder call.
 *
 * It replaces `decode.string`, which the schema decoder looks up at every string field and map
 * key, so it must be installed before the first room is joined (client/src/main.ts does).
 */

/** Below this many bytes the engine copies a concatenation into a flat string anyway: keep the original path. */
const SHORT_STRING_BYTES = 13;
const utf8 = new TextDecoder();
let installed = false;

type Iterator = { offset: number };
/** What the schema decoder passes: a Uint8Array from the SDK, though its type allows any array of bytes. */
type Bytes = Parameters<typeof decode.string>[0];

/** The string header, as @colyseus/schema writes it (msgpack str: fixstr, str 8, str 16, str 32). */
function stringLength(bytes: Bytes, it: Iterator): number {
  const prefix = bytes[it.offset++]!;
  if (prefix < 0xc0) return prefix & 0x1f;
  if (prefix === 0xd9) return decode.uint8(bytes, it);
  if (prefix === 0xda) return decode.uint16(bytes, it);
  if (prefix === 0xdb) return decode.uint32(bytes, it);
  return 0;
}

/** Reads one string field as a flat string; the same result and offset as the original decoder for valid UTF-8. */
export function decodeFlatString(bytes: Bytes, it: Iterator): string {
  const length = Math.min(stringLength(bytes, it), bytes.length - it.offset);
  if (length < SHORT_STRING_BYTES || !(bytes instanceof Uint8Array)) return decode.utf8Read(bytes, it, length);
  const text = utf8.decode(bytes.subarray(it.offset, it.offset + length));
  it.offset += length;
  return text;
}

/** Makes every schema decoder in this page (or process) decode strings flat. Idempotent. */
export function installFlatStringDecoder(): void {
  if (installed) return;
  installed = true;
  decode.string = decodeFlatString;
}
