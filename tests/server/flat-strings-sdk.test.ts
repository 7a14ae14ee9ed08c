import { decode } from "@colyseus/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeFlatString, installFlatStringDecoder } from "../../client/src/net/flat-strings.js";
import { act, leaveAll, offerOf, records, startedPvp, startServer, until, type TestServer } from "./helpers.js";

/** Real SDK clients decode the synced strings through the flat decoder the game's client installs. */

let server: TestServer;
const decoded: string[] = [];
beforeAll(async () => {
  installFlatStringDecoder();
  // Record what goes through it, to prove the SDK's schema decoder looks it up.
  decode.string = (bytes, it) => {
    const text = decodeFlatString(bytes, it);
    decoded.push(text);
    return text;
  };
  server = await startServer();
});
afterAll(async () => {
  decode.string = decodeFlatString;
  await server.close();
});

describe("SDK clients with the flat string decoder", () => {
  it("decode proposals, chat in Japanese and the sheets exactly", async () => {
    const { code, japan, us } = await startedPvp(server);
    await act(japan, "propose", { offer: offerOf("last") });
    await act(us, "chat", { text: "赤沢大臣、自動車の関税は15%でどうでしょう。", to: "table" });
    await until(japan, (s) => s.chat.length === 1);
    const live = server.room(code).matchState;
    const proposal = records(us.state().proposals)[0];
    expect(proposal.offer).toEqual(live.proposals[0]!.offer);
    expect(japan.state().chat[0].text).toBe("赤沢大臣、自動車の関税は15%でどうでしょう。");
    expect(decoded).toContain(JSON.stringify({ id: proposal.id, side: proposal.side, by: proposal.by, round: proposal.round, offer: proposal.offer }));
    // The sheet's points travel as one long JSON string; it parses to numbers.
    const points = JSON.parse(japan.state().sheets.get("japan").points) as unknown[];
    expect(points.length).toBeGreaterThan(10);
    expect(points.every((p) => typeof p === "number")).toBe(true);
    await leaveAll(japan, us);
  });
});
