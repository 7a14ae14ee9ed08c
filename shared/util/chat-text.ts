/**
 * Chat text as it is kept: what a person typed, minus what can hide or disguise it. Line
 * breaks and other separators become a space; control characters (NUL…), format characters
 * (the bidirectional overrides and isolates such as U+202E, zero-width spaces and joiners,
 * U+FEFF) and lone surrogates are removed; the rest is put in Unicode NFC (so "é" typed two ways
 * is one text) and trimmed. Pure and deterministic: the room cleans what a client sends with it
 * (shared/protocol/messages.ts) and the engine accepts only text it leaves unchanged
 * (shared/engine/actions.ts), so the server, the engine and a replay agree byte for byte.
 */

const SEPARATORS = /[\t\n\v\f\r\u0085\u2028\u2029]+/g;
/** Cc: controls; Cf: format (bidi overrides and isolates, zero-width characters, BOM, tags); Cs: lone surrogates. */
const HIDDEN = /[\p{Cc}\p{Cf}\p{Cs}]/gu;

export function cleanChatText(text: string): string {
  return text.replace(SEPARATORS, " ").replace(HIDDEN, "").normalize("NFC").trim();
}

/** True when the text is already as `cleanChatText` leaves it. */
export const isCleanChatText = (text: string): boolean => cleanChatText(text) === text;
