import { ClientState, Protocol } from "@colyseus/core";
import type { StateView } from "@colyseus/schema";
import { viewSerializer } from "./serializer-internals.js";

/**
 * Most patches carry only public changes (a proposal, a chat line at the table, the turn); the
 * private sheets change only when an event fires or a round closes. Yet a room whose state has
 * `.view()` fields makes Colyseus run a second, per-view encode for every client on every patch:
 * it walks the changes again for fields that view may see, clears that view's pending map (a new
 * hash table each time), and copies the shared bytes into a fresh frame per client. With hundreds
 * of rooms, those per-patch objects live until the next move and so are copied by the garbage
 * collector, which sets the server's latency tail.
 *
 * When no change in the patch is private and no view has pending additions, every per-view
 * encode would emit nothing of its own, so each client's frame equals the shared bytes: we encode
 * once, copy once, and send that frame to everyone. Any other patch goes through Colyseus as is.
 * The frames are byte-for-byte the same either way (tests/server/public-patch.test.ts).
 *
 * Reaches into Colyseus's private serializer and change trees, like scratch-buffers.ts; the test
 * fails, rather than frames going wrong, if a Colyseus release moves them.
 */

type ChangeTreeInternals = {
  isFiltered: boolean;
  has(): boolean;
  forEachWithCtx<C>(ctx: C, callback: (ctx: C, fieldIndex: number, operation: number) => void): void;
  encDescriptor: { isSchema: boolean; filterBitmask: number; tags?: Record<number, unknown> };
};
type ChangeNode = { changeTree: ChangeTreeInternals; next?: ChangeNode };
type EncoderInternals = {
  hasChanges: boolean;
  sharedBuffer: Uint8Array;
  root: { changes: ChangeNode; streamTrees: { size: number }; pendingFilterRefresh: unknown[] };
  encode(it: { offset: number }): Uint8Array;
  discardChanges(): void;
};
type PatchClient = { state: ClientState; view?: StateView; raw(data: Uint8Array): void };
type SerializerInternals = {
  hasFilters?: boolean;
  needFullEncode?: boolean;
  encoder?: EncoderInternals;
  applyPatches?: (clients: PatchClient[], state: unknown, timing?: unknown) => boolean;
};

/** Reused by every check: whether a schema's changed fields include a `.view()` one. */
const probe = { filterBitmask: 0, tags: undefined as Record<number, unknown> | undefined, found: false };
function noteViewField(ctx: typeof probe, fieldIndex: number): void {
  if (fieldIndex < 0) return;
  const tagged = fieldIndex < 32 ? (ctx.filterBitmask & (1 << fieldIndex)) !== 0 : ctx.tags?.[fieldIndex] !== undefined;
  if (tagged) ctx.found = true;
}

/** True when a per-view encode of this patch would add nothing to the shared bytes, for every client. */
function patchIsPublic(encoder: EncoderInternals, clients: readonly PatchClient[]): boolean {
  const root = encoder.root;
  if (root.streamTrees.size > 0 || root.pendingFilterRefresh.length > 0) return false;
  for (const client of clients) if (client.view && client.view.changes.size > 0) return false;
  for (let node = root.changes.next; node; node = node.next) {
    const tree = node.changeTree;
    if (!tree.has()) continue;
    if (tree.isFiltered) return false;
    // A schema's `filter` (which `.view()` fields install) is only consulted for the fields a pass
    // emits; the view pass emits only `.view()` fields, and any of those sends us to Colyseus.
    const descriptor = tree.encDescriptor;
    if (!descriptor.isSchema || (descriptor.filterBitmask === 0 && descriptor.tags === undefined)) continue;
    probe.filterBitmask = descriptor.filterBitmask;
    probe.tags = descriptor.tags;
    probe.found = false;
    tree.forEachWithCtx(probe, noteViewField);
    probe.tags = undefined;
    if (probe.found) return false;
  }
  return true;
}

/** Installs the one-encode path on a room's serializer (after its state is set). */
export function patchPublicChangesOnce(room: object): void {
  const serializer = viewSerializer<SerializerInternals>(room);
  const applyPatches = serializer?.applyPatches;
  if (!serializer?.encoder || !applyPatches) return;
  serializer.applyPatches = function (clients, state, timing) {
    // Looked up each time: a new state gives the serializer a new encoder.
    const encoder = serializer.encoder!;
    if (timing !== undefined || clients.length === 0 || !encoder.hasChanges || !patchIsPublic(encoder, clients)) {
      return applyPatches.call(serializer, clients, state, timing);
    }
    serializer.needFullEncode = true;
    encoder.sharedBuffer[0] = Protocol.ROOM_STATE_PATCH;
    // A copy: the encode buffer is scratch shared by every room (scratch-buffers.ts), and a socket may send later.
    const frame = encoder.encode({ offset: 1 }).slice();
    for (let i = clients.length - 1; i >= 0; i--) {
      const client = clients[i]!;
      if (client.state === ClientState.JOINED) client.raw(frame);
    }
    encoder.discardChanges();
    return true;
  };
}
