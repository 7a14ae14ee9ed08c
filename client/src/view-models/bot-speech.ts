import type { PublicScenario } from "../../../shared/index.js";
import { issueName, optionLabel, type ContentFn } from "./names.js";

/**
 * The bots speak English (shared/bots/chat.ts picks a line; the engine keeps it in the log as
 * said). A Japanese screen shows each known line in Japanese — the fixed ones by their text, the
 * two that name an issue and option by pattern, with the scenario's own Japanese names — and a
 * bot's name ("normal bot") as ボット（ふつう）. Lines it does not know stay as written.
 */

const fixed: Record<string, string> = {
  "We can accept that. Let's shake hands.": "それで受け入れます。握手しましょう。",
  "Agreed. Let's announce it together.": "合意です。一緒に発表しましょう。",
  "That works for us. We have a deal.": "こちらはそれで結構です。合意成立です。",
  "We are out of time and this does not work for us.": "時間切れですが、この案は受け入れられません。",
  "We cannot sign this. The deadline will have to fall.": "これには署名できません。期限切れもやむを得ません。",
  "There is nothing here we could sell at home. We are leaving the table.": "国内で説明できる内容がありません。交渉の席を立ちます。",
  "You put this package on the table yourselves. Let's close on it.": "この案はそちらが出したものです。これでまとめましょう。",
  "Let's go back to your own earlier proposal.": "そちらが以前出した提案に戻りましょう。",
  "Here is our opening package.": "こちらの最初の案です。",
  "Let us put a full package on the table.": "全体の案を示します。",
  "This is where we start.": "ここから始めましょう。",
  "Our offer stands.": "こちらの提案は変わりません。",
  "We have moved enough for now; the offer stands.": "今は十分に譲りました。提案はそのままです。",
  "We need to see movement from you first.": "まずそちらの歩み寄りを見せてください。",
  "We have reshaped the package.": "案の組み立てを変えました。",
  "A different balance; take a look.": "配分を変えました。ご覧ください。",
};

const patterns: { pattern: RegExp; ja: (issue: string, option: string) => string }[] = [
  { pattern: /^We can move on (.+): (.+)\.$/, ja: (issue, option) => `${issue}では譲れます: ${option}。` },
  { pattern: /^A step towards you on (.+): (.+)\.$/, ja: (issue, option) => `${issue}で歩み寄ります: ${option}。` },
];

/** A bot's chat line in `language` (English lines pass through). */
export function botLine(text: string, language: string, scenario: PublicScenario, content: ContentFn): string {
  if (language !== "ja") return text;
  const known = fixed[text];
  if (known) return known;
  for (const { pattern, ja } of patterns) {
    const m = pattern.exec(text);
    if (!m) continue;
    const issue = scenario.issues.find((i) => i.name === m[1]);
    const option = issue?.options.find((o) => o.label === m[2]);
    if (issue && option) return ja(issueName(scenario, issue.id, content), optionLabel(scenario, issue.id, option.id, content));
  }
  return text;
}

/** A player's name as shown: a bot's generated name ("normal bot") in the screen's language. */
export function shownName(player: { name: string; bot?: string }, language: string, strategyName: (strategy: string) => string): string {
  if (!player.bot || player.name !== `${player.bot} bot`) return player.name;
  return language === "ja" ? `ボット（${strategyName(player.bot)}）` : player.name;
}

/** How a screen shows players' names and lines (built by BaseScene.speech() for its language). */
export type Speech = {
  name(player: { name: string; bot?: string }): string;
  line(view: { players: readonly { id: string; bot?: string }[]; scenario: PublicScenario }, by: string, text: string): string;
};

export const plainSpeech: Speech = { name: (p) => p.name, line: (_view, _by, text) => text };
