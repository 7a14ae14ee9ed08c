import { colors, sideStyle } from "../../ui/theme.js";
import type { SeatingCard } from "../../view-models/class-dashboard-model.js";
import type { ClassKit } from "./class-kit.js";

export const SEAT_H = 32;

/** Height of a seating card with `seats` seats (header, one row per seat, padding). */
export const seatingCardHeight = (seats: number, u: number) => (34 + seats * (SEAT_H + 4) + 6) * u;

/**
 * One table before the start: each seat is a button. Pressing a student's seat picks them;
 * pressing a free seat then moves the picked student there (the `move` message).
 */
export function drawSeatingCard(kit: ClassKit, x: number, y: number, w: number, card: SeatingCard, picked: string | null, onSeat: (seat: SeatingCard["seats"][number]) => void): void {
  const { u, t } = kit;
  const taken = card.seats.filter((s) => s.studentId !== null).length;
  kit.panel(x, y, w, seatingCardHeight(card.seats.length, u));
  kit.text(x + 10 * u, y + 8 * u, card.id, kit.style(16, { bold: true }));
  kit.text(x + w - 10 * u, y + 10 * u, t("class.seatsTaken", { n: taken, of: card.seats.length }), kit.style(12, { color: colors.muted })).setOrigin(1, 0);
  card.seats.forEach((seat, i) => {
    const style = sideStyle(seat.side);
    const who = seat.name ?? t("class.freeSeat");
    // The side is told by its symbol (● Japan, ★ US: the legend above the cards) and colour-free text.
    const label = `${style.symbol} ${kit.roleName(seat.side, seat.role)} — ${who}`;
    const button = kit.button({
      id: `seat-${card.id}-${i}`, x: x + 8 * u, y: y + 34 * u + i * (SEAT_H + 4) * u, width: w - 16 * u, height: SEAT_H * u, label, fontSize: 12,
      kind: seat.studentId ? "toggle" : "normal", selected: () => seat.studentId !== null && seat.studentId === picked, onPress: () => onSeat(seat),
    });
    // A free seat is only a target once a student is picked.
    if (!seat.studentId) button.setEnabled(picked !== null);
  });
}
