/** A one-line progress bar on a terminal; on a pipe, a line at every quarter. */
export function progressBar(stream: NodeJS.WriteStream, total: number) {
  const started = performance.now();
  const tty = stream.isTTY === true;
  let lastQuarter = 0;
  return {
    update(done: number): void {
      const rate = done / Math.max(1e-3, (performance.now() - started) / 1000);
      if (tty) {
        const width = 30;
        const filled = Math.round((done / total) * width);
        stream.write(`\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total} matches, ${rate.toFixed(0)}/s `);
      } else if (Math.floor((done / total) * 4) > lastQuarter) {
        lastQuarter = Math.floor((done / total) * 4);
        stream.write(`${done}/${total} matches, ${rate.toFixed(0)}/s\n`);
      }
    },
    finish(message: string): void {
      stream.write(tty ? `\r${message}${" ".repeat(20)}\n` : `${message}\n`);
    },
  };
}
