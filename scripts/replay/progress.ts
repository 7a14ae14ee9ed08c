/** A progress bar on stderr: redrawn in place on a terminal, a line every 10% elsewhere (CI logs). */
export function progressBar(total: number, label: string) {
  const tty = process.stderr.isTTY === true;
  let done = 0;
  let lastDecile = -1;
  const draw = () => {
    const share = total === 0 ? 1 : done / total;
    if (tty) {
      const width = 30;
      const filled = Math.round(share * width);
      process.stderr.write(`\r${label} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total}`);
    } else if (Math.floor(share * 10) > lastDecile) {
      lastDecile = Math.floor(share * 10);
      process.stderr.write(`${label}: ${done}/${total} (${Math.round(share * 100)}%)\n`);
    }
  };
  draw();
  return {
    tick() {
      done++;
      draw();
    },
    done() {
      if (tty) process.stderr.write("\n");
    },
  };
}
