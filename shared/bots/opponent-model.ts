/**
 * Frequency opponent model (in the manner of the HardHeaded agent, ANAC 2011): an issue the
 * opponent keeps unchanged — still at its opening option — from one offer to the next gains
 * weight, since people hold on to what they care about; an option it keeps offering gains value. Its estimate of the opponent's
 * points for a package is Σ weight_i · value_ij, both on a 0..1 scale.
 *
 * Counts alone rate every option the opponent has not named alike, so the model cannot tell a
 * small step towards it from none. The values therefore blend in a prior: the opponent probably
 * likes least what we like most (options ranked opposite to our own ranking). Counts soon
 * override it where it is wrong (an issue both sides gain from).
 */

export type OpponentModel = {
  /** Estimated issue weights, summing to 1. */
  weights: number[];
  /** Estimated option values per issue, 0..1 (1 = the option the opponent likes best). */
  values: number[][];
};

export type ModelParams = {
  /** Weight added to an unchanged issue for each pair of consecutive offers (before normalising). */
  learningRate: number;
  /** Share of the opposition prior in an option's value (0 = counts only). */
  priorWeight: number;
};

/** Per issue, 0 for the option we like best up to 1 for the one we like least (ties share a rank). */
export function oppositionPrior(ownTable: readonly (readonly number[])[]): number[][] {
  return ownTable.map((row) => {
    if (row.length < 2) return row.map(() => 0);
    return row.map((points) => {
      const better = row.filter((other) => other > points).length;
      const worse = row.filter((other) => other < points).length;
      // The average of the ranks this value would take among equal ones.
      return (better + (row.length - 1 - worse)) / 2 / (row.length - 1);
    });
  });
}

export function frequencyModel(prior: readonly (readonly number[])[], offers: readonly (readonly number[])[], params: ModelParams): OpponentModel {
  const n = prior.length;
  let weights = new Array<number>(n).fill(1 / n);
  const counts = prior.map((row) => row.map(() => 0));
  offers.forEach((offer, k) => {
    offer.forEach((option, issue) => {
      counts[issue]![option]! += 1;
    });
    const previous = offers[k - 1];
    if (!previous) return;
    // "Unchanged" counts from the opening offer: an issue conceded once and then left alone is
    // not one the opponent cares about, however long it stays put afterwards.
    const opening = offers[0]!;
    const unchanged = offer.map((option, issue) => option === previous[issue] && option === opening[issue]);
    // An offer repeated whole says nothing about which issue matters.
    if (offer.every((option, issue) => option === previous[issue])) return;
    weights = weights.map((w, issue) => w + (unchanged[issue] ? params.learningRate : 0));
    const total = weights.reduce((a, b) => a + b, 0);
    weights = weights.map((w) => w / total);
  });
  const values = counts.map((row, issue) => {
    const most = Math.max(...row);
    const blended = row.map((count, option) => {
      const guess = prior[issue]![option]!;
      return most > 0 ? params.priorWeight * guess + (1 - params.priorWeight) * (count / most) : guess;
    });
    const max = Math.max(...blended);
    return blended.map((v) => (max > 0 ? v / max : 0));
  });
  return { weights, values };
}

/** The model as a [issue][option] table of estimated opponent points (0..1 in total). */
export const modelTable = (model: OpponentModel): number[][] => model.values.map((row, i) => row.map((v) => v * model.weights[i]!));
