import { colors } from "../../ui/theme.js";
import { botChoices, briefingChoices, clockLabel, defaultClassForm, eventModeChoices, playersPerSideChoices, turnClockChoices, type ClassForm } from "../../view-models/class-form.js";
import { uploadFacts } from "../../view-models/scenario-upload.js";
import type { ClassKit } from "./class-kit.js";
import { classState } from "./class-state.js";

/** A long text cut at a word, with an ellipsis (the uploaded scenario's summary gets two lines). */
const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max).replace(/\s+\S*$/, "")}…`);

/**
 * "Open a class": every setting of the class (server/classroom/class-record.ts) as a row of
 * choices, label on the left, readable at 1280×720 and reachable with Tab / Enter.
 */
export function drawClassForm(kit: ClassKit, onOpen: () => void, onCancel: () => void, onUpload: () => void): void {
  const { u, W, H, t } = kit;
  const form: ClassForm = (classState.form ??= defaultClassForm(classState.scenarios[0]?.id));
  const labelX = 40 * u;
  const x0 = 330 * u;
  const avail = W - x0 - 40 * u;
  // Eleven rows (and an uploaded scenario's facts) above the buttons: the rows close up to fit the screen.
  const step = Math.min(54 * u, (H - 84 * u - 78 * u) / (form.upload ? 12.5 : 11));
  const rowH = Math.min(40 * u, step - 8 * u);
  let y = 84 * u;
  kit.text(W / 2, 26 * u, t("class.form.title"), kit.style(24, { bold: true })).setOrigin(0.5, 0);
  const set = <K extends keyof ClassForm>(key: K, value: ClassForm[K]) => () => ((form[key] = value), kit.redraw());
  const label = (text: string, hint?: string) => {
    kit.text(labelX, y + (hint ? 2 * u : 10 * u), text, kit.style(16, { bold: true, wordWrap: { width: x0 - labelX - 16 * u } }));
    if (hint) kit.text(labelX, y + 23 * u, hint, kit.style(12, { color: colors.muted, wordWrap: { width: x0 - labelX - 16 * u } }));
  };
  /** A row of toggles, one of which is the current value. */
  const choices = <V>(id: string, values: readonly V[], current: () => V, caption: (v: V) => string, pick: (v: V) => () => void, width = Math.min(200 * u, (avail - (values.length - 1) * 8 * u) / values.length), fontSize = 14) =>
    values.forEach((v, i) => kit.button({ id: `${id}-${String(v)}`, x: x0 + i * (width + 8 * u), y, width, height: rowH, label: caption(v), kind: "toggle", fontSize, selected: () => current() === v, onPress: pick(v) }));

  const scenarios = classState.scenarios;
  const current = scenarios.find((s) => s.id === form.scenario);
  label(t("class.form.scenario"));
  const scenarioTitle = (id: string) => {
    const title = scenarios.find((x) => x.id === id)?.title ?? id;
    // Translated only where the title is the built-in scenario's own English (i18n translateContent).
    return kit.c("title", title);
  };
  // An uploaded file replaces the choice; choosing a scenario here drops the file.
  if (scenarios.length > 0) choices("form-scenario", scenarios.map((s) => s.id), () => (form.upload ? "" : form.scenario), scenarioTitle, (id) => () => ((form.scenario = id), (form.upload = null), (form.rounds = ""), kit.redraw()), Math.min(440 * u, (avail - 8 * u) / scenarios.length), 13);
  else kit.text(x0, y + 10 * u, form.scenario, kit.style(15));
  y += step;

  label(t("class.form.own"), t("class.form.ownHint"));
  const uploadW = 300 * u;
  kit.button({ id: "form-upload-scenario", x: x0, y, width: uploadW, height: rowH, label: form.upload ? t("class.form.uploadAnother") : t("class.form.upload"), kind: "toggle", fontSize: 14, selected: () => form.upload !== null, onPress: onUpload });
  const aboutX = x0 + uploadW + 16 * u;
  const aboutW = { wordWrap: { width: W - aboutX - 40 * u } };
  if (form.upload) {
    const facts = uploadFacts(form.upload.scenario);
    // Stacked by their drawn heights: on a small screen the 12 px floor makes them taller than the layout unit says.
    const title = kit.text(aboutX, y - 4 * u, t("class.form.uploaded", { title: form.upload.scenario.title, file: form.upload.fileName }), kit.style(15, { bold: true, color: colors.goodCss, ...aboutW }));
    const about = kit.text(aboutX, title.y + title.height + 1 * u, t("class.form.uploadedFacts", { sides: facts.sides, n: facts.issueCount, issues: facts.issues }), kit.style(13, aboutW));
    const summary = kit.text(aboutX, about.y + about.height + 1 * u, clip(form.upload.scenario.summary, 220), kit.style(12, { color: colors.muted, ...aboutW }));
    y = Math.max(y + step + 22 * u, summary.y + summary.height + 12 * u);
  } else {
    kit.text(aboutX, y + 2 * u, t("class.form.noUpload"), kit.style(13, { color: colors.muted, ...aboutW }));
    y += step;
  }

  label(t("class.perSide"));
  choices("form-per-side", playersPerSideChoices, () => form.playersPerSide, String, (n) => set("playersPerSide", n), 60 * u, 16);
  y += step;

  label(t("class.form.roles"));
  choices("form-roles", [true, false], () => form.roles, (on) => (on ? t("class.form.rolesOn") : t("class.form.rolesOff")), (on) => set("roles", on), Math.min(340 * u, (avail - 8 * u) / 2));
  y += step;

  const calendar = (form.upload?.scenario ?? current)?.rounds.length ?? 9;
  label(t("class.form.rounds"), t("class.form.roundsHint"));
  const calendarW = 300 * u;
  const calendarButton = kit.button({ id: "form-rounds-calendar", x: x0, y, width: calendarW, height: rowH, label: t("class.form.calendar", { n: calendar }), kind: "toggle", fontSize: 14, selected: () => form.rounds.trim() === "", onPress: () => ((form.rounds = ""), kit.redraw()) });
  kit.text(x0 + calendarW + 16 * u, y + 10 * u, t("class.form.orRounds"), kit.style(14, { color: colors.muted }));
  const fieldX = x0 + calendarW + 150 * u;
  kit.field({ id: "form-rounds", x: fieldX, y, width: 110 * u, height: rowH, placeholder: "1–100", label: t("class.form.rounds"), value: form.rounds, maxLength: 3, onInput: (v) => ((form.rounds = v), calendarButton.redraw()), onEnter: onOpen });
  y += step;

  label(t("class.form.clock"));
  choices("form-clock", turnClockChoices, () => form.turnSeconds, (s) => clockLabel(s, { off: t("class.form.clockOff"), seconds: t("class.form.seconds"), minutes: t("class.form.minutes") }), (s) => set("turnSeconds", s), 130 * u, 15);
  y += step;

  label(t("class.form.briefing"), t("class.form.briefingHint"));
  choices("form-briefing", briefingChoices, () => form.briefingSeconds, (s) => clockLabel(s, { off: t("class.form.briefingOff"), seconds: t("class.form.seconds"), minutes: t("class.form.minutes") }), (s) => set("briefingSeconds", s), 130 * u, 15);
  y += step;

  label(t("class.form.events"));
  choices("form-events", eventModeChoices, () => form.events, (m) => t(`class.form.events.${m}`), (m) => set("events", m), Math.min(215 * u, (avail - 24 * u) / 4));
  y += step;

  label(t("class.form.variant"), t("class.form.variantHint"));
  choices("form-variant", [false, true], () => form.privateVariant, (on) => (on ? t("class.form.on") : t("class.form.off")), (on) => set("privateVariant", on), 130 * u, 15);
  y += step;

  label(t("class.bots"));
  choices("form-bots", [true, false], () => form.bots, (on) => (on ? t("class.form.botsOn") : t("class.form.botsOff")), (on) => set("bots", on), Math.min(340 * u, (avail - 8 * u) / 2));
  y += step;

  label(t("class.form.strategy"), t("class.form.strategyHint"));
  const botW = (avail - (botChoices.length - 1) * 6 * u) / botChoices.length;
  botChoices.forEach((name, i) => {
    const b = kit.button({ id: `form-bot-${name}`, x: x0 + i * (botW + 6 * u), y, width: botW, height: rowH, label: t(`class.bot.${name}` as Parameters<typeof t>[0]), kind: "toggle", fontSize: 12, selected: () => form.botStrategy === name, onPress: set("botStrategy", name) });
    b.setEnabled(form.bots);
  });
  y += step + 8 * u;

  const bw = 260 * u;
  kit.button({ id: "form-cancel", x: W / 2 - bw - 10 * u, y: Math.min(y, H - 70 * u), width: bw, height: 52 * u, label: t("class.form.cancel"), fontSize: 17, onPress: onCancel });
  kit.button({ id: "open-class", x: W / 2 + 10 * u, y: Math.min(y, H - 70 * u), width: bw, height: 52 * u, label: t("class.openButton"), kind: "primary", fontSize: 18, onPress: onOpen });
}
