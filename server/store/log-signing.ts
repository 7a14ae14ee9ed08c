import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import { replayLog, signatureLine, signatureStatusText, signedText, type LogError, type SignatureStatus } from "../../shared/index.js";

/**
 * The server's log-signing key (Ed25519) and the check of a log's signature. The key is
 * `LOG_SIGNING_KEY` when set, else `<dataDir>/log-signing-key.pem`, created at first start
 * (mode 0600) and kept across restarts, so "signed by this server" means "by the key in this
 * data folder". Anyone may hold the public key; only the holder of the private key can sign.
 */

export const signingKeyPath = (dataDir: string): string => path.join(dataDir, "log-signing-key.pem");

/** PKCS#8 DER prefix of an Ed25519 private key; the 32-byte seed follows (RFC 8410). */
const ED25519_PKCS8_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");

/** A key as `LOG_SIGNING_KEY` gives it: 64 hex digits (the 32-byte seed) or a PEM private key. */
export function parseSigningKey(text: string): KeyObject {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed)
    ? createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, Buffer.from(trimmed, "hex")]), format: "der", type: "pkcs8" })
    : createPrivateKey(trimmed);
  if (key.asymmetricKeyType !== "ed25519") throw new Error(`the log signing key must be an Ed25519 key, not ${key.asymmetricKeyType}`);
  return key;
}

/** The raw 32-byte public key, base64url: how a signature line names its signer. */
export const publicKeyText = (key: KeyObject): string => Buffer.from(createPublicKey(key).export({ format: "jwk" }).x as string, "base64url").toString("base64url");

function publicKeyFromText(text: string): KeyObject {
  return createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: text }, format: "jwk" });
}

export type SignatureCheck = { status: SignatureStatus; text: string; publicKey?: string; error?: LogError };

export class LogSigner {
  readonly publicKey: string;

  private constructor(private readonly privateKey: KeyObject) {
    this.publicKey = publicKeyText(privateKey);
  }

  /** `supplied` (LOG_SIGNING_KEY) wins; else the data folder's key, created on first start. */
  static async load(dataDir: string, supplied?: string): Promise<LogSigner> {
    if (supplied !== undefined && supplied !== "") return new LogSigner(parseSigningKey(supplied));
    const file = signingKeyPath(dataDir);
    const existing = await fs.readFile(file, "utf8").catch(() => undefined);
    if (existing !== undefined) return new LogSigner(parseSigningKey(existing));
    const { privateKey } = generateKeyPairSync("ed25519");
    const pem = privateKey.export({ format: "pem", type: "pkcs8" }) as string;
    // "wx": never overwrite a key another process just wrote; read theirs instead.
    await fs.writeFile(file, pem, { mode: 0o600, flag: "wx" }).catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== "EEXIST") throw error;
    });
    return new LogSigner(parseSigningKey(await fs.readFile(file, "utf8")));
  }

  /** The signature line that follows a line whose exact text hashes to `prev`. */
  signatureLineAfter(prev: string): string {
    const sig = sign(null, Buffer.from(signedText(prev), "utf8"), this.privateKey).toString("base64url");
    return signatureLine({ publicKey: this.publicKey, prev, sig });
  }

  /** What the log's signature says, checked against this server's key. */
  check(logText: string): SignatureCheck {
    return checkLogSignature(logText, this.publicKey);
  }
}

/**
 * Replays the log (chain, every action, the result), then checks its signature line. `ours`: the
 * public key that counts as "this server" (undefined when the checker has none).
 */
export function checkLogSignature(logText: string, ours: string | undefined): SignatureCheck {
  const replay = replayLog(logText);
  if (!replay.ok) return { status: "damaged", text: `${signatureStatusText.damaged}: line ${replay.error.line}: ${replay.error.message}`, error: replay.error };
  const signature = replay.value.signature;
  if (!signature) return { status: "unsigned", text: signatureStatusText.unsigned };
  let valid = false;
  try {
    valid = verify(null, Buffer.from(signedText(signature.prev), "utf8"), publicKeyFromText(signature.publicKey), Buffer.from(signature.sig, "base64url"));
  } catch {
    valid = false;
  }
  const status: SignatureStatus = !valid ? "bad-signature" : signature.publicKey === ours ? "this-server" : "other-key";
  return { status, text: signatureStatusText[status], publicKey: signature.publicKey };
}
