import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { actionSchema, builtinScenario, clientMessageTypes, DEFAULT_SCENARIO_ID, MAX_CHAT_LENGTH, parseClientMessage, toAction } from "../../../shared/index.js";

/**
 * The room hands player messages to the engine without a second zod parse (MatchSession.apply
 * `parsed`). That is only sound if every message the protocol accepts becomes an action the
 * engine's schema accepts unchanged — a logged action must always replay.
 */
describe("player messages become valid engine actions", () => {
  it("for thousands of random payloads, accepted ones parse as the same action", () => {
    const random = seedrandom("protocol-actions");
    const scenario = builtinScenario(DEFAULT_SCENARIO_ID)!;
    const issueIds = scenario.issues.map((issue) => issue.id);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const text = () => pick(["", " ", "a", "  hello  ", "x".repeat(40), "y".repeat(41), "z".repeat(MAX_CHAT_LENGTH), "日本 🙂", "\n\tline\n"]);
    const value = () => pick<unknown>([text(), 3, null, true, {}, [], undefined]);
    const payload = () => {
      const roll = random();
      if (roll < 0.1) return value();
      // Keys: the scenario's issue ids (the room's schema names them) and anything else.
      const offer = Object.fromEntries(Array.from({ length: Math.floor(random() * 9) }, () => [random() < 0.5 ? pick(issueIds) : text(), value()]));
      return pick<Record<string, unknown>>([{}, { offer }, { proposalId: value() }, { text: value(), to: pick(["table", "team", "x", undefined]) }, { text: value() }, { offer, extra: 1 }]);
    };
    let accepted = 0;
    for (let i = 0; i < 5000; i++) {
      const type = pick(clientMessageTypes);
      const message = parseClientMessage(type, payload());
      if (!message.ok || message.value.type === "sync" || message.value.type === "reflect") continue;
      const action = toAction(message.value, pick(["p1", "s12", "x".repeat(64)]));
      // Over-long chat is refused by the parse itself (TOO_LONG) before the engine sees it.
      expect(action.type !== "chat" || action.text.length <= MAX_CHAT_LENGTH).toBe(true);
      accepted++;
      const parsed = actionSchema.safeParse(action);
      expect(parsed.success, JSON.stringify(action)).toBe(true);
      expect(parsed.data).toEqual(action);
    }
    expect(accepted).toBeGreaterThan(300);
  });
});
