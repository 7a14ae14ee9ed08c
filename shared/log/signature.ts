import { z } from "zod";

/**
 * The signature line (docs/log-format.md, "Signatures"): the server that hosted a match adds it
 * after the result line when the match ends. It signs, with Ed25519, the hash of the result
 * line, and that hash commits to every line before it through the chain. A log edited and then
 * re-chained (every `prev` and the result line recomputed) no longer matches the signature; a
 * log re-signed with another key names that other key. Only the shape lives here (pure); signing
 * and checking use node:crypto on the server (server/store/log-signing.ts).
 */

export const SIGNATURE_ALGORITHM = "ed25519";

const base64url = (bytes: number) => z.string().regex(new RegExp(`^[A-Za-z0-9_-]{${Math.ceil((bytes * 4) / 3)}}$`), `expected ${bytes} bytes in base64url`);

export const signatureLineSchema = z.strictObject({
  kind: z.literal("signature"),
  alg: z.literal(SIGNATURE_ALGORITHM),
  /** The signer's Ed25519 public key: 32 bytes, base64url without padding. */
  publicKey: base64url(32),
  /** SHA-256 of the result line's exact text, as `prev` everywhere in the chain. */
  prev: z.string().regex(/^[0-9a-f]{64}$/, "expected a 64-digit hex SHA-256"),
  /** The Ed25519 signature of `signedText(prev)`: 64 bytes, base64url without padding. */
  sig: base64url(64),
});
export type SignatureLine = z.infer<typeof signatureLineSchema>;

/** The exact text that is signed: a fixed label (so the key signs nothing else by accident) and the result line's hash. */
export const signedText = (prev: string): string => `tariff-talks-log-signature v1\n${prev}`;

export function signatureLine(entry: { publicKey: string; prev: string; sig: string }): string {
  const line: SignatureLine = { kind: "signature", alg: SIGNATURE_ALGORITHM, publicKey: entry.publicKey, prev: entry.prev, sig: entry.sig };
  return JSON.stringify(line);
}

/**
 * What a log's signature says, as `npm run replay -- --verify` and the replay viewer put it:
 * - `this-server`: signed by the key of the server (or data folder) that checked it;
 * - `other-key`: a valid signature, by a key that is not this server's;
 * - `unsigned`: no signature line (a running match, a log from before signing, a tool's log);
 * - `bad-signature`: a signature line that does not match the log (edited after signing);
 * - `damaged`: the log itself does not replay (its chain, a line, the result).
 */
export const signatureStatuses = ["this-server", "other-key", "unsigned", "bad-signature", "damaged"] as const;
export type SignatureStatus = (typeof signatureStatuses)[number];

export const signatureStatusText: Record<SignatureStatus, string> = {
  "this-server": "signed by this server",
  "other-key": "signed by another key",
  unsigned: "unsigned",
  "bad-signature": "signature does not match the log (changed after it was signed)",
  damaged: "damaged (does not replay)",
};
