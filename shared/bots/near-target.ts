/**
 * A random package whose own points land just above a floor, for the bots that have no model
 * of the other side: start from the bot's best package, give ground on the issues in a random
 * order by a random feasible amount, then tighten — move issue by issue to the option that
 * gets closest to the floor without going under it. A few passes over the issues, so its cost
 * does not depend on the size of the outcome space.
 */

function shuffled(count: number, random: () => number): number[] {
  const order = Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/** Returns option indices per issue, or undefined when no allowed package reaches `floor`. */
export function randomPackageNear(
  mine: readonly (readonly number[])[],
  allowed: readonly (readonly boolean[])[],
  floor: number,
  random: () => number,
): number[] | undefined {
  const choice: number[] = [];
  for (let i = 0; i < mine.length; i++) {
    let best = -1;
    mine[i]!.forEach((points, j) => {
      if (allowed[i]![j] && (best < 0 || points > mine[i]![best]!)) best = j;
    });
    if (best < 0) return undefined;
    choice.push(best);
  }
  let total = choice.reduce((sum, option, i) => sum + mine[i]![option]!, 0);
  const EPSILON = 1e-9;
  if (total < floor - EPSILON) return undefined;
  const feasible = (i: number) =>
    mine[i]!.flatMap((points, j) => (allowed[i]![j] && total - mine[i]![choice[i]!]! + points >= floor - EPSILON ? [j] : []));
  const move = (i: number, j: number) => {
    total += mine[i]![j]! - mine[i]![choice[i]!]!;
    choice[i] = j;
  };
  // Give ground at random.
  for (const i of shuffled(mine.length, random)) {
    const options = feasible(i);
    move(i, options[Math.floor(random() * options.length)]!);
  }
  // Tighten towards the floor until no single move gets closer.
  for (let pass = 0; pass < mine.length; pass++) {
    let changed = false;
    for (const i of shuffled(mine.length, random)) {
      let closest = choice[i]!;
      for (const j of feasible(i)) if (mine[i]![j]! < mine[i]![closest]!) closest = j;
      if (closest !== choice[i]) {
        move(i, closest);
        changed = true;
      }
    }
    if (!changed) break;
  }
  return choice;
}
