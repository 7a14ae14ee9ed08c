import { startGame } from "./game/main.js";

/** Entry point: start the game in #game. */
startGame("game");
