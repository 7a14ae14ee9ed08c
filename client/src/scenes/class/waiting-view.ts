import type { Assignment } from "../../net/class-connection.js";
import { colors, sideStyle } from "../../ui/theme.js";
import type { ClassKit } from "./class-kit.js";

/** A student before the start: their table, side and role, large enough to read across a room. */
export function drawWaiting(kit: ClassKit, a: Assignment | null, code: string, name: string, onLeave: () => void): void {
  const { u, W, t } = kit;
  kit.text(W / 2, 80 * u, t("class.studentIn", { code, name: a?.name ?? name }), kit.style(16, { color: colors.muted })).setOrigin(0.5, 0);
  const pw = Math.min(720 * u, W - 80 * u);
  const px = (W - pw) / 2;
  const wrap = { wordWrap: { width: pw - 60 * u }, align: "center" };
  kit.panel(px, 120 * u, pw, 300 * u);
  if (!a) {
    kit.text(W / 2, 240 * u, t("class.joining"), kit.style(20)).setOrigin(0.5, 0);
  } else if (!a.table) {
    kit.text(W / 2, 200 * u, a.status === "ended" ? t("class.ended") : t("class.noSeat"), kit.style(19, wrap)).setOrigin(0.5, 0);
  } else {
    const side = sideStyle(a.side);
    kit.text(W / 2, 140 * u, t("class.yourTable", { table: a.table }), kit.style(30, { bold: true })).setOrigin(0.5, 0);
    // The assignment names the seat in the class's own scenario (an uploaded one is in no list here).
    const sideName = a.sideName ? kit.c(`side.${a.side}`, a.sideName) : kit.sideName(a.side);
    const roleName = a.roleName ? kit.c(`role.${a.side}.${a.role}`, a.roleName) : kit.roleName(a.side, a.role);
    kit.text(W / 2, 196 * u, `${side.symbol} ${sideName}`, kit.style(26, { bold: true, color: side.css })).setOrigin(0.5, 0);
    kit.text(W / 2, 244 * u, t("class.yourRole", { role: roleName }), kit.style(20)).setOrigin(0.5, 0);
    kit.text(W / 2, 300 * u, a.matchCode ? t("class.goingToTable") : t("class.waitStart"), kit.style(15, { color: colors.muted, ...wrap })).setOrigin(0.5, 0);
  }
  kit.text(W / 2, 370 * u, t("class.reloadSafe"), kit.style(13, { color: colors.muted, ...wrap })).setOrigin(0.5, 0);
  kit.button({ id: "leave-class", x: W / 2 - 130 * u, y: 450 * u, width: 260 * u, height: 44 * u, label: t("class.leave"), fontSize: 15, onPress: onLeave });
}
