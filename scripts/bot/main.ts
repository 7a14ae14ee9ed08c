import { parseArgs } from "node:util";
import { Client, type Room } from "@colyseus/sdk";
import { errorMessageSchema, stepMessageSchema, viewMessageSchema, ViewFold, type Action, type Assignment, type TableView } from "../../shared/index.js";
import { killAllStdioBots, StdioBot } from "../stdio-bot/stdio-bot.js";

/**
 * `npm run bot`: seats a program that speaks the stdio protocol of docs/bots.md at a live table,
 * through the server like any player (docs/protocol.md): it joins by the match code, folds the
 * views the server sends, passes each to the program, and sends the program's answers as moves.
 * A move the program loses (too slow, garbage, an illegal action) is logged with its reason and
 * asked for again on the next change; the table goes on.
 */

const help = `Seat a bot program (any language, stdio protocol of docs/bots.md) at a live table.

Usage: npm run bot -- --code CODE --command "COMMAND" [options]
       npm run bot -- --class CLASSCODE --command "COMMAND" [options]

Options:
  --code CODE        the match code to join (a pvp table)
  --class CODE       join a class as a student instead (the instructor's permission: they gave the
                     class code, and seat it like any student); it sits at the table the class
                     assigns when the instructor starts
  --command CMD      the bot program, e.g. "python3 examples/bots/python/bot.py"
  --side SIDE        the side to sit on (default: the side with fewer people)
  --name NAME        the name shown at the table (default "Bot")
  --seat TOKEN       a seat token instead of --side: take that seat (back)
  --server URL       the game server (default ws://localhost:2567)
  --move-ms N        the program's time to answer a view (default 1000)
  --startup-ms N     extra time for its first answer (default 5000)
  --budget-ms N      its total answering time for the match (default 600000)
  --help             this text

It prints the program's lost moves as they happen, the outcome at the end, and the program's
stderr. After a lost move the program is asked again (up to 5 times a step); a table with a
turn clock passes the move when the clock runs out.`;

function fail(message: string): never {
  console.error(`${message}\n\nRun \`npm run bot -- --help\` for the options.`);
  process.exit(2);
}

function options() {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        code: { type: "string" },
        class: { type: "string" },
        command: { type: "string" },
        side: { type: "string" },
        name: { type: "string", default: "Bot" },
        seat: { type: "string" },
        server: { type: "string", default: "ws://localhost:2567" },
        "move-ms": { type: "string", default: "1000" },
        "startup-ms": { type: "string", default: "5000" },
        "budget-ms": { type: "string", default: "600000" },
        help: { type: "boolean", default: false },
      },
    }).values;
  } catch (error) {
    fail((error as Error).message);
  }
  if (parsed.help) {
    console.log(help);
    process.exit(0);
  }
  if (!parsed.code && !parsed.class) fail("--code is missing: the match code of the table to join (or --class, a class code).");
  if (parsed.code && parsed.class) fail("Give --code (a table) or --class (a class), not both.");
  if (!parsed.command) fail("--command is missing: the bot program to run.");
  const number = (name: "move-ms" | "startup-ms" | "budget-ms") => {
    const value = Number(parsed[name]);
    if (!Number.isInteger(value) || value < 1) fail(`--${name} must be a whole number of milliseconds, not "${parsed[name]}".`);
    return value;
  };
  return { ...parsed, code: parsed.code ?? "", command: parsed.command, moveMs: number("move-ms"), startupMs: number("startup-ms"), budgetMs: number("budget-ms") };
}

const MAX_TRIES_PER_STEP = 5;

const messageOf = (action: Action): [string, Record<string, unknown>] | null => {
  if (action.type === "propose") return ["propose", { offer: action.offer }];
  if (action.type === "accept") return ["accept", { proposalId: action.proposalId }];
  if (action.type === "walkaway") return ["walkaway", {}];
  return null;
};

/**
 * In a class the bot is a student: it joins the class room by its code, waits for the assignment
 * the class sends when the instructor starts (or seats it later), and sits with that seat token.
 * It stays in the class room, as a student's screen does.
 */
async function seatFromClass(server: string, classCode: string, name: string): Promise<{ code: string; seat: string; classRoom: Room }> {
  let classRoom: Room;
  try {
    classRoom = await new Client(server).joinById(classCode.trim().toUpperCase(), { name });
  } catch (error) {
    fail(`Could not join class ${classCode} at ${server}: ${(error as Error).message}`);
  }
  console.log(`joined class ${classCode.trim().toUpperCase()} as "${name}"; waiting for the instructor to start it and seat this bot at a table…`);
  let seated = false;
  // The class's other messages (welcome, notices) are for a student's screen; the bot needs only its assignment.
  classRoom.onMessage("*", () => undefined);
  return new Promise((resolve) => {
    classRoom.onMessage("assignment", (raw: unknown) => {
      const assignment = raw as Assignment;
      if (seated) return;
      if (assignment.spectator) return console.log(`the class seated this bot as a spectator of ${assignment.table}; waiting for a seat…`);
      if (assignment.status !== "running" || !assignment.matchCode || !assignment.seatToken) return;
      seated = true;
      resolve({ code: assignment.matchCode, seat: assignment.seatToken, classRoom });
    });
    // Once seated, the table is what matters; the class room may come and go.
    classRoom.onLeave((code: number) => !seated && fail(`The class closed the connection (${code}) before seating this bot.`));
  });
}

async function main(): Promise<void> {
  const o = options();
  let room: Room;
  let classRoom: Room | undefined;
  try {
    if (o.class) {
      const seated = await seatFromClass(o.server, o.class, o.name);
      classRoom = seated.classRoom;
      console.log(`sitting at table ${seated.code}…`);
      room = await new Client(o.server).joinById(seated.code, { seat: seated.seat });
    } else {
      const joinOptions = o.seat ? { seat: o.seat } : { name: o.name, ...(o.side ? { side: o.side } : {}) };
      room = await new Client(o.server).joinById(o.code.trim().toUpperCase(), joinOptions);
    }
  } catch (error) {
    fail(`Could not join ${o.code || o.class} at ${o.server}: ${(error as Error).message}`);
  }
  const fold = new ViewFold();
  let bot: StdioBot | null = null;
  let playerId = "";
  let asking = false;
  let again = false;
  let readySent = false;
  let finished = false;
  const lostAt = new Map<number, number>();

  const finish = async (view: TableView) => {
    finished = true;
    bot?.notify(view);
    const outcome = view.outcome!;
    console.log(`outcome: ${outcome.kind} (${Object.entries(outcome.points).map(([side, points]) => `${side} ${points.toFixed(1)}`).join(", ")})`);
    await bot?.close();
    if (bot?.stderr) console.error(`--- the program's stderr ---\n${bot.stderr}`);
    await room.leave().catch(() => undefined);
    await classRoom?.leave().catch(() => undefined);
    process.exit(0);
  };

  /** Hands the view to the program (one question at a time; a change meanwhile asks again after). */
  const play = async (): Promise<void> => {
    const view = fold.view;
    if (!view || !bot || finished) return;
    if (view.phase === "ended") return finish(view);
    if (view.phase === "briefing" && !readySent) {
      readySent = true;
      room.send("ready", {});
    }
    if (asking) {
      again = true;
      return;
    }
    asking = true;
    const move = await bot.move(view, playerId);
    asking = false;
    if (move?.kind === "lost") {
      console.warn(`lost move at step ${view.seq}: ${move.fault.kind}: ${move.fault.message}`);
      // Without a turn clock nothing else would move the table: the program is asked again, a few times.
      const tries = (lostAt.get(view.seq) ?? 0) + 1;
      lostAt.set(view.seq, tries);
      if (tries < MAX_TRIES_PER_STEP) setTimeout(() => fold.view?.seq === view.seq && void play(), 1000);
      else console.warn(`the program lost ${tries} moves at step ${view.seq}; waiting for the table to move on (a turn clock, or the other side).`);
    }
    if (move?.kind === "move") {
      if (move.chat) room.send("chat", { text: move.chat.slice(0, 500), to: "table" });
      const message = messageOf(move.action);
      if (message) room.send(...message);
    }
    if (again) {
      again = false;
      await play();
    }
  };

  room.onMessage("view", (raw: unknown) => {
    const message = viewMessageSchema.parse(raw);
    fold.take(message);
    if (message.seat.spectator) fail("The server seated this bot as a spectator; choose a side with --side.");
    playerId = message.seat.playerId;
    bot ??= new StdioBot({ command: o.command, limits: { moveMs: o.moveMs, startupMs: o.startupMs, budgetMs: o.budgetMs } }, message.view.scenario);
    void play();
  });
  room.onMessage("step", (raw: unknown) => {
    if (!fold.step(stepMessageSchema.parse(raw))) return room.send("sync", {});
    void play();
  });
  room.onMessage("error", (raw: unknown) => {
    const error = errorMessageSchema.parse(raw);
    console.warn(`refused: ${error.code}: ${error.message}`);
    if (fold.view && bot) bot.refused(fold.view, `${error.code}: ${error.message}`);
  });
  room.onLeave((code: number) => {
    if (!finished) fail(`The connection to the table closed (${code}).`);
  });
  process.once("SIGINT", () => {
    killAllStdioBots();
    process.exit(130);
  });
}

void main();
