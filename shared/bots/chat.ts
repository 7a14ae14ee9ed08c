import type { Decision } from "./decide.js";
import type { Situation } from "./situation.js";

/**
 * A short line to go with a move, so a solo match reads like a negotiation. Where the bot gave
 * ground, it names the issue it moved on most (in its own points).
 */

const pick = (lines: readonly string[], random: () => number): string => lines[Math.floor(random() * lines.length)] ?? lines[0]!;

export function chatLine(s: Situation, decision: Decision, random: () => number): string | undefined {
  switch (decision.kind) {
    case "accept":
      return pick(["We can accept that. Let's shake hands.", "Agreed. Let's announce it together.", "That works for us. We have a deal."], random);
    case "walkaway":
      return decision.reason === "deadline"
        ? pick(["We are out of time and this does not work for us.", "We cannot sign this. The deadline will have to fall."], random)
        : "There is nothing here we could sell at home. We are leaving the table.";
    case "propose":
      return proposalLine(s, decision.choice, decision.reusedTheirs, random);
  }
}

function proposalLine(s: Situation, choice: readonly number[], reusedTheirs: boolean, random: () => number): string {
  if (reusedTheirs) return pick(["You put this package on the table yourselves. Let's close on it.", "Let's go back to your own earlier proposal."], random);
  const previous = s.myOffers.at(-1);
  if (!previous) return pick(["Here is our opening package.", "Let us put a full package on the table.", "This is where we start."], random);
  if (previous.every((option, i) => option === choice[i])) {
    return pick(["Our offer stands.", "We have moved enough for now; the offer stands.", "We need to see movement from you first."], random);
  }
  // The issue where we gave up the most of our own points since our last offer.
  let moved = -1;
  let largest = 0;
  choice.forEach((option, i) => {
    const given = s.table[i]![previous[i]!]! - s.table[i]![option]!;
    if (given > largest) {
      largest = given;
      moved = i;
    }
  });
  const issue = s.issues[moved];
  if (!issue) return pick(["We have reshaped the package.", "A different balance; take a look."], random);
  const option = issue.options[choice[moved]!]!;
  return pick([`We can move on ${issue.name}: ${option.label}.`, `A step towards you on ${issue.name}: ${option.label}.`], random);
}
