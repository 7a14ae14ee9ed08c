import { sha256Hex } from "../util/sha256.js";
import { stableStringify } from "../util/stable-json.js";
import type { MatchState } from "./state.js";

/** A fingerprint of a state: equal states (whatever their key order) give equal hashes. */
export const stateHash = (state: MatchState): string => sha256Hex(stableStringify(state));
