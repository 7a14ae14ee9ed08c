/**
 * The three reflection questions of the result screen, in both languages: the client asks them,
 * the instructor's per-student report and students.csv print them beside the answers (which the
 * match log keeps: shared/log/format.ts, reflection lines). The order is the answers' order.
 */
export const reflectionQuestions = {
  en: [
    "What mattered most to you, and did the deal give it to you?",
    "Where was value left on the table? Name a trade that would have given both sides more.",
    "What would you do differently if you tried again, and from which round?",
  ],
  ja: [
    "あなたにとって最も大事だったのは何で、合意でそれは得られましたか。",
    "取り残された価値はどこにありましたか。両方の側がより多く得られた交換を一つ挙げてください。",
    "やり直すなら、どのラウンドから何を変えますか。",
  ],
} as const;
