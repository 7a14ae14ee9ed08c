/** Saves a URL (or a Blob) as a file, the way a download link does. */
export function saveAs(href: string, name: string): void {
  const link = document.createElement("a");
  link.href = href;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
}

/** Saves a Blob under `name`; its object URL is released once the browser has taken it. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  saveAs(url, name);
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
