import { describe, expect, it } from "vitest";
import { builtinScenario, DEFAULT_SCENARIO_ID, eventSchema, publicScenario } from "../../shared/index.js";
import { resolveBot } from "../../shared/bots/resolve.js";
import { classSettingsSchema } from "../../shared/index.js";
import type { ClassSummary } from "../../client/src/net/class-connection.js";
import { botChoices, classSettingsBody, clockLabel, defaultClassForm, parseRounds } from "../../client/src/view-models/class-form.js";
import {
  actionTargets, classInAddress, draftEvent, emptyDraft, eventChoices, moveMessage, parseNumber, parseServerError, resumeTarget, seatingCards, structureKey,
} from "../../client/src/view-models/class-dashboard-model.js";

const scenario = publicScenario(builtinScenario(DEFAULT_SCENARIO_ID)!);

function summary(overrides: Partial<ClassSummary> = {}): ClassSummary {
  return {
    code: "ABCD2345", status: "seating", paused: false, createdAt: "2026-11-27T00:00:00.000Z", endedAt: null, deck: [], scenario,
    settings: { scenario: DEFAULT_SCENARIO_ID, playersPerSide: 1, roles: true, turnSeconds: 0, briefingSeconds: 300, events: "historical", privateVariant: false, bots: true, botStrategy: "normal" },
    roster: [{ id: "s1", name: "Aki", table: "T1", side: "japan", role: "chief", watching: null }, { id: "s2", name: "Scott", table: "T1", side: "us", role: "treasury", watching: null }, { id: "s3", name: "Mia", table: "T2", side: "japan", role: "chief", watching: null }],
    seating: [
      { id: "T1", seats: [{ side: "japan", role: "chief", studentId: "s1" }, { side: "us", role: "treasury", studentId: "s2" }] },
      { id: "T2", seats: [{ side: "japan", role: "chief", studentId: "s3" }, { side: "us", role: "treasury", studentId: null }] },
    ],
    tables: [], injected: [],
    ...overrides,
  };
}

describe("the open-a-class form", () => {
  it("sends the server's defaults untouched, and every setting it offers passes the server's schema", () => {
    const body = classSettingsBody(defaultClassForm());
    expect(body).toEqual({ ok: true, body: { scenario: DEFAULT_SCENARIO_ID, playersPerSide: 2, roles: true, turnSeconds: 0, briefingSeconds: 300, events: "historical", privateVariant: false, bots: true, botStrategy: "normal" } });
    // The form's defaults are the server's: an empty body means the same class.
    expect(classSettingsSchema.parse(body.ok ? body.body : {})).toEqual(classSettingsSchema.parse({}));
    const custom = classSettingsBody({ ...defaultClassForm(), playersPerSide: 4, roles: false, rounds: " 12 ", turnSeconds: 300, briefingSeconds: 600, events: "both", privateVariant: true, bots: false, botStrategy: "tit-for-tat" });
    expect(custom.ok && classSettingsSchema.parse(custom.body)).toEqual({ scenario: DEFAULT_SCENARIO_ID, playersPerSide: 4, roles: false, rounds: 12, turnSeconds: 300, briefingSeconds: 600, events: "both", privateVariant: true, bots: false, botStrategy: "tit-for-tat" });
  });

  it("offers exactly the bots the server knows", () => {
    for (const name of botChoices) expect(resolveBot(name).ok).toBe(true);
    expect(botChoices).toContain("normal");
    expect(botChoices).toContain("adaptive");
  });

  it("refuses a rounds value outside 1–100 without losing it", () => {
    const table: [string, ReturnType<typeof parseRounds>][] = [
      ["", { ok: true, rounds: undefined }], ["  ", { ok: true, rounds: undefined }], ["1", { ok: true, rounds: 1 }], ["100", { ok: true, rounds: 100 }],
      ["0", { ok: false }], ["101", { ok: false }], ["1.5", { ok: false }], ["-3", { ok: false }], ["ten", { ok: false }],
    ];
    for (const [text, expected] of table) expect(parseRounds(text), text).toEqual(expected);
    const form = { ...defaultClassForm(), rounds: "500" };
    expect(classSettingsBody(form)).toEqual({ ok: false, problem: "rounds" });
    expect(form.rounds).toBe("500");
  });

  it("says turn clocks as people do", () => {
    const words = { off: "Off", seconds: "{n} s", minutes: "{n} min" };
    expect([0, 60, 120, 300].map((s) => clockLabel(s, words))).toEqual(["Off", "60 s", "2 min", "5 min"]);
  });
});

describe("the instructor's dashboard", () => {
  it("names every seat and moves a student only to a free seat before the start", () => {
    const cards = seatingCards(summary());
    expect(cards[1]!.seats.map((s) => s.name)).toEqual(["Mia", null]);
    const free = cards[1]!.seats[1]!;
    expect(moveMessage(summary(), "s1", free)).toEqual({ studentId: "s1", table: "T2", side: "us", role: "treasury" });
    expect(moveMessage(summary(), "s1", cards[0]!.seats[1]!)).toBeNull(); // taken
    expect(moveMessage(summary(), "s9", free)).toBeNull(); // no such student
    expect(moveMessage(summary({ status: "running" }), "s1", free)).toBeNull();
  });

  it("redraws its widgets only when the class changes shape", () => {
    const base = summary();
    const row = { tableId: "T1", matchCode: "AAAAAA", phase: "negotiating" as const, round: 1, maxRounds: 9, turn: "japan", paused: false, turnEndsAt: 0, briefingEndsAt: 0, standing: null, events: [], spectators: 0, players: [], outcome: null };
    expect(structureKey(base)).toBe(structureKey({ ...base }));
    const running = summary({ status: "running", tables: [row] });
    // A clock, a standing offer or a new round redraws the cards only.
    expect(structureKey({ ...running, tables: [{ ...row, round: 2, turnEndsAt: 99 }] })).toBe(structureKey(running));
    expect(structureKey({ ...running, tables: [{ ...row, phase: "ended" }] })).not.toBe(structureKey(running));
    expect(structureKey({ ...running, paused: true })).not.toBe(structureKey(running));
    const moved = summary({ seating: [base.seating[0]!, { id: "T2", seats: [{ side: "japan", role: "chief", studentId: null }, { side: "us", role: "treasury", studentId: "s3" }] }] });
    expect(structureKey(moved)).not.toBe(structureKey(base));
  });

  it("aims injects and extensions at all tables or one still playing", () => {
    const row = (tableId: string, phase: "briefing" | "negotiating" | "ended") => ({ tableId, matchCode: "AAAAAA", phase, round: 1, maxRounds: 9, turn: "japan", paused: false, turnEndsAt: 0, briefingEndsAt: 0, standing: null, events: [], spectators: 0, players: [], outcome: null });
    expect(actionTargets(summary({ status: "running", tables: [row("T1", "negotiating"), row("T2", "ended"), row("T3", "briefing")] }))).toEqual(["all", "T1", "T3"]);
    expect(actionTargets(null)).toEqual(["all"]);
  });

  it("lists the events the server's dashboard offers, none before a dashboard arrives", () => {
    expect(eventChoices(summary({ deck: [{ id: "x", title: "X", headline: "x", origin: "deck" }] }))).toEqual([{ id: "x", title: "X", headline: "x", origin: "deck" }]);
    expect(eventChoices(summary())).toEqual([]);
    expect(eventChoices(null)).toEqual([]);
  });
});

describe("an event written on the spot", () => {
  const draft = { ...emptyDraft(scenario), title: " Chip export ban ", side: "us", issue: "G", value: "1,5" };

  it("becomes the inject message's event form, valid for the engine", () => {
    const made = draftEvent(draft, scenario, 2);
    expect(made).toEqual({ ok: true, event: { id: "instructor-3", title: "Chip export ban", headline: "Chip export ban", effects: [{ kind: "scale", side: "us", issue: "G", factor: 1.5 }] } });
    expect(made.ok && eventSchema.safeParse(made.event).success).toBe(true);
    const reservation = draftEvent({ ...draft, kind: "reservation", value: "−5", headline: "Markets fall." }, scenario, 0);
    expect(reservation).toEqual({ ok: true, event: { id: "instructor-1", title: "Chip export ban", headline: "Markets fall.", effects: [{ kind: "reservation", side: "us", delta: -5 }] } });
  });

  it("names what is wrong instead of sending it", () => {
    expect(draftEvent({ ...draft, title: "  " }, scenario, 0)).toEqual({ ok: false, problem: "title" });
    expect(draftEvent({ ...draft, value: "abc" }, scenario, 0)).toEqual({ ok: false, problem: "value" });
    expect(draftEvent({ ...draft, value: "11" }, scenario, 0)).toEqual({ ok: false, problem: "value" });
    expect(draftEvent({ ...draft, kind: "pressure", value: "0" }, scenario, 0)).toEqual({ ok: false, problem: "value" });
    expect(draftEvent({ ...draft, side: "china" }, scenario, 0)).toEqual({ ok: false, problem: "side" });
    expect(draftEvent({ ...draft, issue: "Z" }, scenario, 0)).toEqual({ ok: false, problem: "issue" });
  });

  it("reads numbers as people type them", () => {
    expect(["1.5", "1,5", "+2", "−5", "-0.25", " 3 "].map(parseNumber)).toEqual([1.5, 1.5, 2, -5, -0.25, 3]);
    expect(["", "1e3", "x", "1.2.3"].map(parseNumber)).toEqual([null, null, null, null]);
  });
});

describe("refusals and reloads", () => {
  it("turns the server's refusals into codes", () => {
    expect(parseServerError(new Error("FORBIDDEN: That is not this class's instructor key."))).toEqual({ code: "FORBIDDEN", message: "That is not this class's instructor key." });
    expect(parseServerError(new Error('room "ZZZZ2222" not found')).code).toBe("UNKNOWN_CLASS");
    expect(parseServerError(new TypeError("Failed to fetch")).code).toBe("NO_SERVER");
    expect(parseServerError("odd").code).toBe("UNKNOWN");
  });

  it("finds the class to go back to in the address or this tab's storage", () => {
    const store = (items: Record<string, string>) => ({ getItem: (k: string) => items[k] ?? null });
    expect(classInAddress("#class=abcd2345")).toBe("ABCD2345");
    expect(classInAddress("#class=ABC")).toBeNull();
    expect(resumeTarget("#class=ABCD2345", store({ "tt-class-ABCD2345": "tok" }))).toEqual({ code: "ABCD2345", token: "tok", key: null });
    expect(resumeTarget("", store({ "tt-class-current": "ABCD2345", "tt-class-key-ABCD2345": "k" }))).toEqual({ code: "ABCD2345", token: null, key: "k" });
    expect(resumeTarget("#class=ABCD2345", null)).toEqual({ code: "ABCD2345", token: null, key: null });
    expect(resumeTarget("", store({}))).toBeNull();
  });
});
