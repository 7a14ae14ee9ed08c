/** The wire protocol: what clients and the server say to each other, in one place (docs/protocol.md). */
export * from "./view.js";
export * from "./changes.js";
export * from "./errors.js";
export * from "./options.js";
export * from "./messages.js";
export * from "./classroom.js";
export * from "./fold.js";
