/**
 * A negotiation room's Colyseus SchemaSerializer, reached through the room's private
 * `_serializer`, when its state has `.view()` fields: the only case scratch-buffers.ts and
 * public-patch.ts adapt. Each of them types just the internals it touches; both are covered by
 * tests, so a Colyseus release that moves them fails a test rather than a match.
 */
export function viewSerializer<T extends { hasFilters?: boolean }>(room: object): T | undefined {
  const serializer = (room as { _serializer?: T })._serializer;
  return serializer?.hasFilters === true ? serializer : undefined;
}
