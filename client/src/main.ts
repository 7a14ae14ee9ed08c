import { startGame } from "./game/main.js";
import { installFlatStringDecoder } from "./net/flat-strings.js";

/** Entry point: decode synced strings flat (net/flat-strings.ts), then start the game in #game. */
installFlatStringDecoder();
startGame("game");
