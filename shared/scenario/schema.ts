import { z } from "zod";

/**
 * The scenario file format. Every number a sheet shows is computed from `models` and the
 * issues' option data by `payoff.ts`, so an instructor who edits a parameter moves the table.
 * Cross-references (side ids, issue ids, option ids) are checked in `parse.ts`.
 */

const id = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9_.%+-]+$/, "use letters, digits and _ . % + - only");

const text = z.string().min(1).max(4000);

/** A publication date: YYYY-MM-DD, or YYYY-MM / YYYY when the day (or month) is not known. */
const isoDate = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, "write the date as YYYY-MM-DD (or YYYY-MM, YYYY)");

/**
 * A published source for a factual sentence: what a teacher needs to look it up. Story sentences,
 * events, references and assumptions cite sources by id; `parse.ts` checks every id exists.
 */
export const sourceSchema = z.strictObject({
  id,
  title: text,
  outlet: z.string().min(1).max(200),
  date: isoDate,
  url: z.url({ protocol: /^https?$/ }),
});

/** Ids of entries in the scenario's `sources`. */
const sourceIds = z.array(id).min(1).max(12);

/** One sentence of the story with the sources that support it. */
export const storySentenceSchema = z.strictObject({ text, sources: sourceIds });

/** Per-side points per unit of a named quantity, e.g. { us: { pledgeBn: 5 }, japan: { pledgeBn: -1 } }. */
const coefficients = z.record(id, z.record(id, z.number()));

export const optionSchema = z.strictObject({
  id,
  label: text,
  /** All-in tariff rate as a fraction (0.15 = 15%); required by issues with a tariff payoff. */
  rate: z.number().min(0).max(5).optional(),
  /** Named amounts this option delivers, read by a linear payoff: { riceKt: 259.5 }. */
  quantities: z.record(id, z.number()).optional(),
});

export const tariffPayoffSchema = z.strictObject({
  kind: z.literal("tariff"),
  /** Key into models.tariff.goods. */
  good: id,
});

export const linearPayoffSchema = z.strictObject({
  kind: z.literal("linear"),
  /** side id → quantity name → points per unit. */
  coefficients,
});

/**
 * Given utilities (linear additive, as teaching cases and GENIUS write them): a side's points
 * for an option are `weights[side] × evaluations[side][option]`, taken as written — not measured
 * against the no-deal package. A side not listed scores 0 on the issue.
 */
export const givenPayoffSchema = z.strictObject({
  kind: z.literal("given"),
  /** side id → the issue's weight for that side (default 1). */
  weights: z.record(id, z.number().min(0).max(1e6)).default({}),
  /** side id → option id → evaluation; every option must be rated for a listed side. */
  evaluations: z.record(id, z.record(id, z.number().min(-1e6).max(1e6))),
});

export const issueSchema = z.strictObject({
  id,
  name: text,
  description: text.optional(),
  /** Sources for the figures in the description. */
  sources: z.array(id).max(12).optional(),
  options: z.array(optionSchema).min(2).max(50),
  payoff: z.discriminatedUnion("kind", [tariffPayoffSchema, linearPayoffSchema, givenPayoffSchema]),
});

export const tariffGoodSchema = z.strictObject({
  label: text.optional(),
  /** Imports before the tariff war, $bn a year. */
  baseImports: z.number().positive(),
  /** Normal duty, as a fraction. */
  normalRate: z.number().min(0).max(1),
  /** Share of the tariff paid by the importing country's buyers (φ); the exporters absorb the rest. */
  passThrough: z.number().min(0).max(1),
  /** Weight of the exporters' loss in the exporting government's points (wA, wN). */
  exporterWeight: z.number().min(0),
});

export const tariffModelSchema = z.strictObject({
  importer: id,
  exporter: id,
  /** Import demand elasticity ε. */
  elasticity: z.number().positive(),
  /** Exporters' margin lost on trade that disappears (m). */
  lostTradeMargin: z.number().min(0),
  /** Importer's weights: revenue, buyers' cost, protection of its own producers. */
  revenueWeight: z.number(),
  buyerCostWeight: z.number(),
  protectionWeight: z.number(),
  /** 1 point = this many $bn a year (0.1 = $100m). */
  bnPerPoint: z.number().positive(),
  goods: z.record(id, tariffGoodSchema),
});

export const modelsSchema = z.strictObject({
  tariff: tariffModelSchema.optional(),
});

export const redLineSchema = z.strictObject({
  id,
  /** The constituency that refuses to ratify: a role id of the same side, or a free label. */
  constituency: text,
  issue: id,
  /** A deal that picks one of these options fails ratification at home. */
  forbiddenOptions: z.array(id).min(1),
  reason: text,
});

export const roleSchema = z.strictObject({
  id,
  name: text,
  person: text.optional(),
  brief: text,
  /** Confidential: multiplies this role's points on an issue (default 1). */
  issueWeights: z.record(id, z.number().min(0).max(20)).default({}),
  /** Confidential: replaces tariff-model parameters for this role's own sheet, e.g. { revenueWeight: 2.6 }. */
  tariffOverrides: tariffModelSchema.pick({ revenueWeight: true, buyerCostWeight: true, protectionWeight: true }).partial().optional(),
});

export const sideSchema = z.strictObject({
  id,
  name: text,
  delegation: text,
  brief: text,
  /** Points of no deal before any event; 0 when points are measured against no deal. */
  reservation: z.number().default(0),
  roles: z.array(roleSchema).min(1).max(6),
  redLines: z.array(redLineSchema).default([]),
});

export const effectSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("scale"), side: id, issue: id, factor: z.number().min(0).max(10) }),
  z.strictObject({
    kind: z.literal("reservation"),
    side: id,
    delta: z.number().min(-500).max(500),
    /**
     * From now on no deal leaves `issue` at `option` (a tariff that comes back or rises): the side's
     * no-deal value moves by its current points for that option, on top of `delta`. The latest
     * fallback for an issue replaces earlier ones. Computed from the model, never typed in.
     */
    fallback: z.strictObject({ issue: id, option: id }).optional(),
  }),
  z.strictObject({ kind: z.literal("pressure"), side: id, delta: z.number().min(-100).max(100) }),
]);

export const eventSchema = z.strictObject({
  id,
  title: text,
  headline: text,
  date: z.string().max(40).optional(),
  /** Free-text citation (older files); new files cite `sources` by id. */
  source: z.string().max(200).optional(),
  sources: z.array(id).max(12).optional(),
  /** Invented for the game: it did not happen. Its card says so; a real event has a date and sources. */
  hypothetical: z.boolean().optional(),
  effects: z.array(effectSchema).max(20),
});

export const roundSchema = z.strictObject({
  label: z.string().min(1).max(60),
  /** Points each side loses per round of delay before an agreement (time pressure). */
  pressure: z.record(id, z.number()).default({}),
});

export const deadlineSchema = z.strictObject({
  round: z.number().int().min(1),
  label: text,
  /** Soft deadlines only: what missing it does (applied when the round ends with no deal). */
  missedEffects: z.array(effectSchema).default([]),
});

export const scenarioSchema = z.strictObject({
  format: z.literal("tariff-talks-scenario"),
  version: z.literal(1),
  id,
  title: text,
  summary: text,
  /** The public story: one text, or sentences each with its sources (joined with spaces to show). */
  story: z.union([text, z.array(storySentenceSchema).min(1).max(60)]),
  sides: z.array(sideSchema).length(2),
  /** Side that makes the first offer. */
  firstMover: id,
  issues: z.array(issueSchema).min(1).max(20),
  /** The package that stands when there is no deal; every point is measured against it. */
  noDeal: z.record(id, id),
  models: modelsSchema.default({}),
  rounds: z.array(roundSchema).min(1).max(100),
  softDeadline: deadlineSchema.optional(),
  hardDeadline: deadlineSchema.omit({ missedEffects: true }),
  events: z
    .strictObject({
      /** Historical events fire when their round begins. */
      timeline: z.array(z.strictObject({ round: z.number().int().min(1), event: eventSchema })).default([]),
      /** Random events: each round from the second, one is drawn with this chance, without repeats. */
      deck: z.array(eventSchema).default([]),
      chancePerRound: z.number().min(0).max(1).default(0),
    })
    .default({ timeline: [], deck: [], chancePerRound: 0 }),
  /** Reference packages for the debrief, e.g. the real deal. */
  references: z
    .array(
      z.strictObject({
        id,
        label: text,
        offer: z.record(id, id),
        source: z.string().max(300).optional(),
        sources: z.array(id).max(20).optional(),
        /** Per issue, one line: what the real texts did and did not contain, and why this option. */
        notes: z.record(id, text).optional(),
      }),
    )
    .default([]),
  /** The model's assumptions, shown to players in "How this model works" (with sources where factual). */
  assumptions: z.array(z.strictObject({ id, title: text, text, sources: z.array(id).max(12).optional() })).max(30).default([]),
  /** Every published source the texts above cite by id. */
  sources: z.array(sourceSchema).max(200).default([]),
  /** Private variants: each side's issue weights are multiplied by a seeded factor in [1 − spread, 1 + spread]. */
  variantSpread: z.number().min(0).max(0.9).default(0.15),
});

export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Scenario = z.output<typeof scenarioSchema>;
export type Issue = Scenario["issues"][number];
export type Side = Scenario["sides"][number];
export type Role = Side["roles"][number];
export type RedLine = Side["redLines"][number];
export type ScenarioEvent = z.output<typeof eventSchema>;
export type Effect = z.output<typeof effectSchema>;
export type TariffModel = z.output<typeof tariffModelSchema>;
export type Source = z.output<typeof sourceSchema>;
export type Assumption = Scenario["assumptions"][number];
export type Reference = Scenario["references"][number];

/** The story as one text, however the file writes it. */
export const storyText = (story: Scenario["story"]): string => (typeof story === "string" ? story : story.map((s) => s.text).join(" "));
