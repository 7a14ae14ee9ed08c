import { reflectionQuestions } from "../../shared/index.js";
import type { StudentReport } from "../classroom/student-report.js";

/**
 * The instructor's per-student report: one printable page per student (a page break between
 * them), plain HTML with its own small stylesheet, and `students.csv` with the same columns.
 * English or Japanese labels (`?lang=ja`); the scenario's own names stay as written. The page
 * carries students.csv as a link of its own (the page is opened from a fetch with the key, so a
 * plain link back to the endpoint could not authenticate).
 */

type Lang = "en" | "ja";

const words = {
  en: {
    title: "Per-student report",
    class: "Class",
    table: "Table",
    side: "Side",
    role: "Role",
    outcome: "Outcome",
    deal: "The deal, issue by issue",
    noTerms: "No package was agreed.",
    points: "Points (after delay cost)",
    noDeal: "No deal was worth",
    overNoDeal: "Against no deal",
    delay: "Delay cost",
    left: "Value left on the table (both sides)",
    gap: "Distance to the frontier",
    share: "Share of the possible joint gain",
    reflection: "Reflection",
    unanswered: "(not answered)",
    print: "Print",
    csv: "Download students.csv",
    pts: "pts",
    outcomes: { agreement: "Deal", walkaway: "Walked away (no deal)", deadline: "Deadline (no deal)", "ratification-failed": "Not ratified (no deal)", stopped: "Stopped by the instructor (no deal)", playing: "Still playing" } as Record<string, string>,
  },
  ja: {
    title: "参加者ごとのレポート",
    class: "クラス",
    table: "テーブル",
    side: "側",
    role: "役割",
    outcome: "結果",
    deal: "合意の中身（論点ごと）",
    noTerms: "合意したパッケージはありません。",
    points: "得点（遅延コスト差し引き後）",
    noDeal: "合意なしの価値",
    overNoDeal: "合意なしとの差",
    delay: "遅延コスト",
    left: "取り残された価値（両側合計）",
    gap: "フロンティアまでの距離",
    share: "獲得できた共同利得の割合",
    reflection: "振り返り",
    unanswered: "（未回答）",
    print: "印刷",
    csv: "students.csv を保存",
    pts: "点",
    outcomes: { agreement: "合意", walkaway: "席を立った（合意なし）", deadline: "期限切れ（合意なし）", "ratification-failed": "批准されず（合意なし）", stopped: "講師が終了（合意なし）", playing: "交渉中" } as Record<string, string>,
  },
} as const;

const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
const signed = (n: number): string => `${n > 0 ? "+" : n < 0 ? "−" : "±"}${Math.abs(Math.round(n))}`;
const round1 = (n: number): string => (Math.round(n * 10) / 10).toFixed(1);

function page(row: StudentReport, lang: Lang, classCode: string): string {
  const w = words[lang];
  const facts: [string, string][] = [
    [w.table, `${row.tableId} (${row.matchCode})`],
    [w.side, row.sideName],
    [w.role, row.roleName],
    [w.outcome, w.outcomes[row.outcome] ?? row.outcome],
    [w.points, row.points === null ? "–" : `${signed(row.points)} ${w.pts}`],
    [w.noDeal, `${signed(row.noDealPoints)} ${w.pts}`],
    [w.overNoDeal, row.overNoDeal === null ? "–" : `${signed(row.overNoDeal)} ${w.pts}`],
    [w.delay, `${signed(-row.delayCost)} ${w.pts}`],
    [w.left, row.valueLeftOnTable === null ? "–" : `${Math.round(row.valueLeftOnTable)} ${w.pts}`],
    [w.gap, row.frontierGap === null ? "–" : `${round1(row.frontierGap)} ${w.pts}`],
    [w.share, row.jointGainShare === null ? "–" : `${Math.round(row.jointGainShare * 100)}%`],
  ];
  const terms = row.terms.length
    ? `<table class="terms">${row.terms.map((t) => `<tr><th>${escape(t.issue)}. ${escape(t.issueName)}</th><td>${escape(t.option)}</td></tr>`).join("")}</table>`
    : `<p>${w.noTerms}</p>`;
  const answers = reflectionQuestions[lang]
    .map((q, i) => `<li><p class="q">${escape(q)}</p><p class="a">${row.reflection?.[i] ? escape(row.reflection[i]) : `<span class="none">${w.unanswered}</span>`}</p></li>`)
    .join("");
  return `<section class="student">
<header><h1>${escape(row.name)}</h1><p>${w.title} · ${w.class} ${escape(classCode)}</p></header>
<table class="facts">${facts.map(([k, v]) => `<tr><th>${k}</th><td>${escape(v)}</td></tr>`).join("")}</table>
<h2>${w.deal}</h2>${terms}
<h2>${w.reflection}</h2><ol class="reflection">${answers}</ol>
</section>`;
}

export function studentReportPage(rows: readonly StudentReport[], classCode: string, lang: Lang): string {
  const w = words[lang];
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${w.title} · ${escape(classCode)}</title>
<style>
body { font: 14px/1.45 "Noto Sans", "Noto Sans JP", system-ui, sans-serif; color: #111; margin: 0; }
.student { padding: 18mm 16mm; page-break-after: always; break-after: page; }
.student:last-child { page-break-after: auto; break-after: auto; }
h1 { font-size: 22px; margin: 0; } header p { margin: 2px 0 12px; color: #555; }
h2 { font-size: 16px; margin: 16px 0 6px; border-bottom: 1px solid #999; }
table { border-collapse: collapse; } th, td { text-align: left; padding: 3px 12px 3px 0; vertical-align: top; }
th { font-weight: 600; color: #333; } .q { font-weight: 600; margin: 8px 0 2px; } .a { margin: 0; white-space: pre-wrap; }
.none { color: #888; } .tools { position: fixed; top: 8px; right: 8px; display: flex; gap: 8px; } @media print { .tools { display: none; } }
</style></head>
<body><div class="tools"><button onclick="window.print()">${w.print}</button><a download="class-${escape(classCode)}-students.csv" href="data:text/csv;charset=utf-8,${encodeURIComponent("\ufeff" + studentsCsv(rows))}">${w.csv}</a></div>
${rows.map((row) => page(row, lang, classCode)).join("\n")}
</body></html>
`;
}

const cell = (value: unknown): string => {
  const text = value === null || value === undefined ? "" : typeof value === "number" ? String(Math.round(value * 1000) / 1000) : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** One row per student (RFC 4180), the report's figures and the three answers. */
export function studentsCsv(rows: readonly StudentReport[]): string {
  const header = ["student", "table", "match", "side", "role", "outcome", "deal", "points_after_delay", "no_deal_points", "points_over_no_deal", "delay_cost", "value_left_on_table", "distance_to_frontier", "joint_gain_share", "reflection_1", "reflection_2", "reflection_3"];
  const lines = rows.map((r) => [
    r.name, r.tableId, r.matchCode, r.side, r.role, r.outcome,
    r.terms.map((t) => `${t.issue}=${t.option}`).join("; "),
    r.points, r.noDealPoints, r.overNoDeal, r.delayCost, r.valueLeftOnTable, r.frontierGap, r.jointGainShare,
    r.reflection?.[0] ?? "", r.reflection?.[1] ?? "", r.reflection?.[2] ?? "",
  ]);
  return [header, ...lines].map((l) => l.map(cell).join(",")).join("\r\n") + "\r\n";
}
