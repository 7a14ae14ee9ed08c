/// <reference types="vite/client" />

/** The bundled font faces (scripts/build/fonts.ts): URL, weight and unicode-range of each. */
declare module "virtual:tt-fonts" {
  export const faces: { family: string; weight: number; url: string; unicodeRange: string; title: boolean }[];
}

/** The built-in scenario's English under each translation key (scripts/build/scenario-source.ts). */
declare module "virtual:tt-scenario-en" {
  export const scenarioTextEn: Record<string, string>;
}
