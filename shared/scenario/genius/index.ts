/** GENIUS/ANAC import: linear additive domains and profiles → scenario files. */
export { importGenius, safeId, GENIUS_SCALE, type GeniusImport, type GeniusImportOptions } from "./convert.js";
export { readGeniusDomain, readGeniusProfile, type GeniusDomain, type GeniusProfile } from "./read.js";
