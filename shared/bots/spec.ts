/** What a bot is: a strategy and its parameters. Plain data, so a room or a log can store it. */

export const strategyNames = ["hardliner", "boulware", "linear", "conceder", "tit-for-tat", "adaptive"] as const;
export type StrategyName = (typeof strategyNames)[number];

export type BotParams = {
  /**
   * Concession exponent of the time-dependent target `Pmin + (Pmax − Pmin)(1 − t^(1/e))`:
   * 0 never concedes, below 1 holds out until late (Boulware), 1 is linear, above 1 gives in early.
   * Tit-for-tat ignores it.
   */
  e: number;
  /** On the bot's very last move, accept any standing offer that beats no deal. */
  lastMoveFallback: boolean;
  /** Tit-for-tat: share of the opponent's concession (measured in the bot's own points) it gives back. */
  reciprocity: number;
  /** Tit-for-tat: extra concession per own offer, as a share of (Pmax − reservation), so two mirrors do not freeze. */
  generosity: number;
  /** Adaptive: weight an issue gains each time the opponent leaves it unchanged (frequency model). */
  learningRate: number;
  /** Adaptive: share of the "they like least what we like most" prior in the model's option values. */
  priorWeight: number;
};

export type BotSpec = {
  /** The name it was resolved from: a strategy or a difficulty preset. */
  name: string;
  strategy: StrategyName;
  params: BotParams;
  description: string;
};

const base: BotParams = { e: 1, lastMoveFallback: true, reciprocity: 1, generosity: 0.02, learningRate: 0.25, priorWeight: 0.3 };

export const botStrategies: Record<StrategyName, { description: string; params: BotParams }> = {
  hardliner: {
    description: "Opens with its best package and never moves (time-dependent, e = 0); accepts only that much.",
    params: { ...base, e: 0, lastMoveFallback: false },
  },
  boulware: {
    description: "Time-dependent, e = 0.2: holds firm and concedes only close to the deadline.",
    params: { ...base, e: 0.2 },
  },
  linear: {
    description: "Time-dependent, e = 1: concedes at a steady pace from its best package to its walk-away point.",
    params: { ...base, e: 1 },
  },
  conceder: {
    description: "Time-dependent, e = 2: gives ground early and quickly.",
    params: { ...base, e: 2 },
  },
  "tit-for-tat": {
    description: "Mirrors the other side: concedes as much (in its own points) as the other side's offers have improved for it.",
    params: { ...base, reciprocity: 1, generosity: 0.02 },
  },
  adaptive: {
    description:
      "Learns what the other side cares about from its offers (frequency model) and, at each step of a firm time-dependent concession, offers the package it thinks the other side likes best.",
    params: { ...base, e: 0.5 },
  },
};

export const difficultyNames = ["easy", "normal", "hard"] as const;
export type DifficultyName = (typeof difficultyNames)[number];

/** What a player picks in the lobby, mapped to a strategy and its parameters. */
export const difficultyPresets: Record<DifficultyName, { strategy: StrategyName; params: BotParams; description: string }> = {
  easy: {
    strategy: "conceder",
    params: { ...botStrategies.conceder.params, e: 2.5 },
    description: "Conceder (e = 2.5): gives ground fast and takes a fair offer early.",
  },
  normal: {
    strategy: "tit-for-tat",
    params: { ...botStrategies["tit-for-tat"].params, generosity: 0.03 },
    description: "Tit-for-tat: rewards your concessions with its own and stands still when you do.",
  },
  hard: {
    strategy: "adaptive",
    params: { ...botStrategies.adaptive.params },
    description: "Adaptive: firm, learns your priorities and trades what you value for what it values.",
  },
};
