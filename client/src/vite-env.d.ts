/// <reference types="vite/client" />

/** The bundled font faces (scripts/build/fonts.ts): URL, weight and unicode-range of each. */
declare module "virtual:tt-fonts" {
  export const faces: { family: string; weight: number; url: string; unicodeRange: string; title: boolean }[];
}
