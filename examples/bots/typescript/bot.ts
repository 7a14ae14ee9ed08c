/**
 * A Tariff Talks bot in TypeScript (Node only, no packages): time-dependent concession.
 *
 * Reads one JSON object per line on stdin (the scenario first, then views of its seat) and answers
 * each view on which it must act with one JSON action per line on stdout. Protocol: docs/bots.md.
 * Self-contained on purpose: copy this folder anywhere and run it with `npx tsx bot.ts`.
 */
import { createInterface } from "node:readline";

/** Concession exponent: below 1 holds firm and concedes late (Boulware), above 1 concedes early. */
const E = 1.5;

type Offer = Record<string, string>;
type View = {
  seq: number;
  viewer: { kind: string; side?: string };
  phase: "briefing" | "negotiating" | "ended";
  round: number;
  maxRounds: number;
  turn: string;
  scenario: { issues: { id: string; options: { id: string }[] }[] };
  proposals: { id: string; side: string; offer: Offer }[];
  standingProposalId: string | null;
  sheets: Record<string, { points: Record<string, Record<string, number>>; reservation: number; delayCost: number; redLines: { issue: string; forbiddenOptions: string[] }[] }>;
};
type Reply = { type: "propose"; offer: Offer; seq: number } | { type: "accept"; seq: number; chat?: string };

const mustAct = (view: View): boolean => view.phase === "negotiating" && view.viewer.kind === "seat" && view.turn === view.viewer.side;

function decide(view: View): Reply {
  const side = view.viewer.side!;
  const sheet = view.sheets[side]!;
  const points = (issue: string, option: string): number => sheet.points[issue]![option]!;
  const forbidden = new Set(sheet.redLines.flatMap((line) => line.forbiddenOptions.map((o) => `${line.issue}/${o}`)));
  const allowed = new Map(view.scenario.issues.map((issue) => [issue.id, issue.options.map((o) => o.id).filter((o) => !forbidden.has(`${issue.id}/${o}`))]));
  const ratifiable = (offer: Offer): boolean => [...allowed].every(([issue, options]) => options.includes(offer[issue]!));
  // What a deal on this package is worth to us now: its points minus the delay cost so far.
  const value = (offer: Offer): number => Object.entries(offer).reduce((sum, [issue, option]) => sum + points(issue, option), 0) - sheet.delayCost;

  // Target: from our best package down to no deal as the rounds run out.
  const best: Offer = {};
  for (const [issue, options] of allowed) best[issue] = options.reduce((a, b) => (points(issue, b) > points(issue, a) ? b : a));
  const t = (view.round - 1) / Math.max(1, view.maxRounds - 1);
  const high = value(best);
  const target = Math.max(sheet.reservation, high - (high - sheet.reservation) * t ** (1 / E));

  const theirs = view.proposals.filter((p) => p.side !== side);
  const standing = theirs.find((p) => p.id === view.standingProposalId);
  if (standing && ratifiable(standing.offer)) {
    const worth = value(standing.offer);
    if (worth >= target || (view.round >= view.maxRounds && worth > sheet.reservation)) return { type: "accept", seq: view.seq, chat: "Agreed." };
  }

  // Offer: start from our best package and give ground, step by step, while it stays at or above
  // the target: first where their last offer asked for something, then wherever it costs us least.
  const offer = { ...best };
  const wanted = theirs.at(-1)?.offer ?? {};
  for (;;) {
    let step: { towardsThem: boolean; loss: number; issue: string; option: string } | undefined;
    for (const [issue, options] of allowed) {
      for (const option of options) {
        const loss = points(issue, offer[issue]!) - points(issue, option);
        if (loss <= 0 || value(offer) - loss < target) continue;
        const towardsThem = wanted[issue] === option;
        if (!step || (towardsThem && !step.towardsThem) || (towardsThem === step.towardsThem && loss < step.loss)) step = { towardsThem, loss, issue, option };
      }
    }
    if (!step) break;
    offer[step.issue] = step.option;
  }
  return { type: "propose", offer, seq: view.seq };
}

let sawScenario = false;
for await (const line of createInterface({ input: process.stdin })) {
  if (!sawScenario) {
    sawScenario = true; // the public scenario; the views carry everything this bot needs
    continue;
  }
  const view = JSON.parse(line) as View;
  if (mustAct(view)) process.stdout.write(`${JSON.stringify(decide(view))}\n`);
}
