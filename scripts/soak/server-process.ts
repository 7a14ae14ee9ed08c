import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";

/**
 * `server/main.ts` as its own process, as `npm start` runs it (without the client build), so a
 * crash is a process that exits and `kill -9` is the real thing.
 */

const root = path.resolve(import.meta.dirname, "../..");

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const port = (probe.address() as net.AddressInfo).port;
      probe.close(() => resolve(port));
    });
  });
}

export class ServerProcess {
  private child: ChildProcess | undefined;
  private output = "";
  /** Exits nobody asked for (a crash), with the last lines the server printed. */
  readonly crashes: string[] = [];
  private expectingExit = false;

  constructor(
    readonly dataDir: string,
    readonly port: number,
    private readonly env: Record<string, string> = {},
  ) {}

  get url(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  get httpUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Resolves with the server's start-up output once it listens. */
  async start(): Promise<string> {
    this.output = "";
    this.expectingExit = false;
    const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
      cwd: root,
      env: { ...process.env, PORT: String(this.port), HOST: "127.0.0.1", DATA_DIR: this.dataDir, CLIENT_DIR: path.join(this.dataDir, "no-client"), BOT_DELAY_MS: "0", LOG_SIGNING_KEY: "", ...this.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child = child;
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-20_000);
    };
    child.stdout!.on("data", keep);
    child.stderr!.on("data", keep);
    child.once("exit", (code, signal) => {
      if (!this.expectingExit) this.crashes.push(`exit ${code ?? signal}: ${this.output.split("\n").slice(-8).join("\n")}`);
    });
    const deadline = Date.now() + 60_000;
    while (!this.output.includes("is running at")) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the server exited at start: ${this.output}`);
      if (Date.now() > deadline) throw new Error(`the server did not start within 60 s: ${this.output}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return this.output;
  }

  get alive(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** kill -9, and wait for the process to be gone. */
  async kill9(): Promise<void> {
    await this.stop("SIGKILL");
  }

  async stop(signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
    const child = this.child;
    if (!child || !this.alive) return;
    this.expectingExit = true;
    const gone = new Promise((resolve) => child.once("exit", resolve));
    child.kill(signal);
    await gone;
  }

  /** What the server printed lately (for reports). */
  tail(lines = 10): string {
    return this.output.split("\n").slice(-lines).join("\n");
  }
}
