import { createHash } from "node:crypto";
import { useSha256 } from "../shared/index.js";

/** The server hashes log lines and states with node:crypto: the same digests as the engine's portable SHA-256, faster. */
useSha256((text) => createHash("sha256").update(text, "utf8").digest("hex"));
