import { RedisPresence } from "@colyseus/redis-presence";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PresenceClaims } from "../../../server/cluster/hosting-claims.js";
import { redisAvailable, redisMissing, startRedis, type TestRedis } from "../../support/redis.js";

/** Who hosts what in a cluster (server/cluster/hosting-claims.ts), on a real Redis: one winner per key; a silent process's keys go to a survivor. */

const fast = { heartbeatTtlSeconds: 1, beatMs: 200, watchMs: 200 };

if (!redisAvailable && process.env.CI === "true") {
  describe("hosting claims", () => it("needs redis-server in CI", () => { throw new Error(redisMissing); }));
} else if (!redisAvailable) {
  describe.skip(`hosting claims (skipped: ${redisMissing})`, () => it("runs with redis-server", () => undefined));
} else {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    // RedisPresence.shutdown() leaves its QUIT promises unhandled ("Connection is closed"); the
    // connections end with the Redis server and this test worker instead.
    await redis?.stop();
  });
  const presence = () => {
    return new RedisPresence(redis.url);
  };

  describe("hosting claims on Redis", () => {
    it("gives a key to exactly one live process, and to another once released", async () => {
      const confirmDead = async () => true;
      const one = new PresenceClaims(presence(), () => "proc-1", confirmDead, fast);
      const two = new PresenceClaims(presence(), () => "proc-2", confirmDead, fast);
      await one.start(async () => {});
      await two.start(async () => {});
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? one : two).claim("MATCH1")));
      const winners = new Set(results.flatMap((won, i) => (won ? [i % 2] : [])));
      expect(winners.size).toBe(1);
      const [winner, loser] = winners.has(0) ? [one, two] : [two, one];
      expect(await winner.claim("MATCH1")).toBe(true);
      expect(await loser.claim("MATCH1")).toBe(false);
      await winner.release("MATCH1");
      expect(await loser.claim("MATCH1")).toBe(true);
      expect(await winner.claim("MATCH1")).toBe(false);
      await one.stop();
      await two.stop();
    });

    it("hands a process's keys to a survivor once its heartbeat stops, only if Colyseus confirms it is gone", async () => {
      let confirm = false;
      const dying = new PresenceClaims(presence(), () => "proc-3", async () => true, fast);
      const orphans: { keys: string[]; dead: string }[] = [];
      let survivor!: PresenceClaims;
      survivor = new PresenceClaims(presence(), () => "proc-4", async () => confirm, fast);
      await dying.start(async () => {});
      await survivor.start(async (keys, dead) => {
        if (dead !== "proc-3") return; // the first test's processes stopped too
        orphans.push({ keys: [...keys].sort(), dead });
        for (const key of keys) expect(await survivor.claim(key)).toBe(true);
      });
      expect(await dying.claim("MATCH2")).toBe(true);
      expect(await dying.claim("class:CLASS001")).toBe(true);
      await dying.stop(); // no more heartbeats, as after kill -9; its claims stay
      await dying.release("MATCH2"); // ignored once stopped
      await new Promise((resolve) => setTimeout(resolve, 2000));
      expect(orphans).toEqual([]); // Colyseus still says it answers: nothing is taken
      confirm = true;
      for (let waited = 0; orphans.length === 0 && waited < 5000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(orphans).toEqual([{ keys: ["MATCH2", "class:CLASS001"], dead: "proc-3" }]);
      expect(await survivor.claim("MATCH2")).toBe(true);
      await survivor.stop();
    });
  });
}
