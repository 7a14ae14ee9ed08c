import { Encoder, StateView } from "@colyseus/schema";
import { viewSerializer } from "./serializer-internals.js";

/**
 * Colyseus gives every room two encode buffers of its own, 16 KB each: the patch encoder's and
 * the full state's. That is 32 KB per match, over half of what a bare Colyseus room keeps per
 * match. In a room where every client has a StateView (every negotiation room) they are only
 * scratch space: each frame sent to a client with a view is a fresh copy (`encodeView` and
 * `encodeAllView` return `concatBytes(...)`), and encoding is synchronous, so two rooms never
 * write into them at the same time. All negotiation rooms therefore share one pair.
 *
 * The full state is cached by Colyseus between joins; with a shared buffer another room may have
 * written over it since, so the cache is dropped before every full-state encode.
 *
 * Reaches into Colyseus's private serializer (`_serializer`); `usesSharedScratch` is tested, so
 * a Colyseus release that moves these fields fails a test instead of silently costing memory.
 */

type SchemaSerializerInternals = {
  /** True when the state has `.view()` fields: only then does Colyseus copy every frame for a client with a view. */
  hasFilters?: boolean;
  encoder?: { sharedBuffer?: Uint8Array };
  fullEncodeBuffer?: Uint8Array;
  needFullEncode?: boolean;
  getFullState?: (client?: { view?: StateView }, timing?: unknown) => Uint8Array;
};

/** Room for the largest frame we send (a full state with both sheets) plus the 16 KB of headroom the encoder keeps free. */
const SCRATCH_BYTES = 4 * Encoder.BUFFER_SIZE;
const patchScratch = new Uint8Array(SCRATCH_BYTES);
const fullStateScratch = new Uint8Array(SCRATCH_BYTES);

/** The room's serializer, if it is one whose frames are copies (see above). */
const internals = (room: object): SchemaSerializerInternals | undefined => viewSerializer<SchemaSerializerInternals>(room);

/** Points the room's encoder at the shared patch scratch; call after each patch (a big patch may have grown the encoder its own). */
export function usePatchScratch(room: object): void {
  const encoder = internals(room)?.encoder;
  if (encoder?.sharedBuffer) encoder.sharedBuffer = patchScratch;
}

/**
 * Moves a room onto the shared buffers, right after its state is set: its own two are dropped,
 * and its full-state encode (at each join) always starts afresh in the shared one.
 */
export function shareScratchBuffers(room: object): void {
  const serializer = internals(room);
  if (!serializer?.fullEncodeBuffer || !serializer.getFullState) return;
  usePatchScratch(room);
  // Byte 0 is the frame's message type, which Colyseus writes once when the state is set.
  fullStateScratch[0] = serializer.fullEncodeBuffer[0]!;
  serializer.fullEncodeBuffer = fullStateScratch;
  const getFullState = serializer.getFullState.bind(serializer);
  serializer.getFullState = (client, timing) => {
    // A client without a view would be sent a slice of the scratch itself; an empty view sees the same public state.
    if (client) client.view ??= new StateView();
    serializer.fullEncodeBuffer = fullStateScratch;
    serializer.needFullEncode = true;
    return getFullState(client, timing);
  };
}

/** True when the room encodes into the shared buffers (tests check it, see above). */
export function usesSharedScratch(room: object): boolean {
  const serializer = internals(room);
  return serializer?.encoder?.sharedBuffer === patchScratch && serializer.fullEncodeBuffer === fullStateScratch;
}
