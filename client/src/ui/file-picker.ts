/**
 * The browser's own file chooser, opened from a canvas button (Enter or a click are user
 * gestures, which the browser requires). Resolves with the file's name and text, or null when
 * the person cancels; a file over `maxBytes` is not read (`text` null).
 */
export function pickTextFile(accept: string, maxBytes: number): Promise<{ name: string; text: string | null } | null> {
  return new Promise((resolve) => {
    const input = document.createElement("input");
    input.type = "file";
    input.accept = accept;
    input.id = "file-picker";
    input.style.display = "none";
    const done = (value: { name: string; text: string | null } | null) => {
      input.remove();
      resolve(value);
    };
    input.addEventListener("change", () => {
      const file = input.files?.[0];
      if (!file) return done(null);
      if (file.size > maxBytes) return done({ name: file.name, text: null });
      file.text().then((text) => done({ name: file.name, text }), () => done(null));
    });
    input.addEventListener("cancel", () => done(null));
    document.body.append(input);
    input.click();
  });
}
