import { createServer as createHttp, type Server } from "node:http";
import { createServer as createHttps } from "node:https";
import type { AddressInfo } from "node:net";
import { dirname, join, resolve } from "node:path";
import { type AppOptions, createModels } from "./app.js";
import { createHandler } from "./http/server.js";
import type { Inventory } from "./inventory/types.js";
import type { Limits } from "./model/enforcement.js";
import type { FaultOptions } from "./model/faults.js";
import { type ApiVersion, profile } from "./model/profiles.js";
import { generatedTls, givenTls, type TlsMaterial } from "./tls.js";

export { defaultInventory, IDS as DEFAULT_IDS } from "./inventory/default.js";
export type { Inventory } from "./inventory/types.js";
export type { Limits } from "./model/enforcement.js";
export type { FaultOptions } from "./model/faults.js";
export { API_VERSIONS, type ApiVersion } from "./model/profiles.js";

export interface EmulatorOptions {
  /** Bind address; default 127.0.0.1. */
  host?: string;
  /** Default 8046; 0 picks a free port. */
  port?: number;
  /** SQLite file that persists state across restarts. */
  dataFile?: string;
  /** Keep state in memory only (wins over dataFile). */
  inMemory?: boolean;
  /** Inventory object or path to a JSON file; default: the built-in inventory. */
  inventory?: Inventory | string;
  /** Extra generated VMs on the remote cloud site, for load tests. */
  generateVms?: number;
  /** Extra generated vApps of `vmsPerVapp` VMs (default 5) on the remote cloud site, for vApp benchmarks. */
  generateVapps?: { count: number; vmsPerVapp?: number };
  /** How long every task stays RUNNING; default 2000 ms. */
  taskDurationMs?: number;
  /** How long failover, test failover and migration tasks stay RUNNING; default taskDurationMs. */
  recoveryMs?: number;
  /** Idle minutes before a session expires; default 30. */
  sessionIdleMinutes?: number;
  /** Emulated minutes per real minute for RPO and retention (e.g. 600 makes a 15-minute RPO last 1.5 s). Default 1. */
  timeScale?: number;
  /** Initial sync duration in ms; default taskDurationMs. */
  initialSyncMs?: number;
  /** Product limits of decisions.md #21. */
  limits?: Partial<Limits>;
  /** `true` generates a CA and a certificate for 127.0.0.1/localhost; or a given pair of PEM files. */
  tls?: boolean | { certFile: string; keyFile: string };
  /** Where the generated CA and certificate are kept; default `<dir of dataFile>/tls` or `./.data/tls`. */
  tlsDir?: string;
  faults?: FaultOptions;
  /** `true` logs JSON lines to stdout; a function receives each line. */
  log?: boolean | ((line: string) => void);
  logFormat?: "json" | "text";
  /** Lets non-loopback clients use the control path with header `X-Emulator-Control-Token`. */
  controlToken?: string;
  /** Which VCDA API version to play (README "API-version profiles"); default 4.1. */
  apiVersion?: ApiVersion;
  /** GET /policies/{id}/status lists only orgs that have replications (a quirk to test clients against). */
  statusOmitsIdleOrgs?: boolean;
}

export interface RunningEmulator {
  url: string;
  apiVersion: ApiVersion;
  host: string;
  port: number;
  caFile?: string;
  caPem?: string;
  close(): Promise<void>;
  counts(): { total: number; logins: number; routes: Record<string, number> };
  resetCounts(): void;
  setFaults(f: FaultOptions): FaultOptions;
  /** Expires every session now (as if idle for too long). */
  expireSessions(): number;
  setTaskDurationMs(ms: number): void;
  /** Duration of recovery tasks; `null` follows the task duration. */
  setRecoveryMs(ms: number | null): void;
}

/** Starts the emulator in-process and resolves once it listens. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const apiVersion = profile(options.apiVersion).version; // a bad value fails before anything starts
  const host = options.host ?? "127.0.0.1";
  const appOpts: AppOptions = { ...options, address: host };
  let tls: TlsMaterial | undefined;
  if (options.tls === true) {
    const dir =
      options.tlsDir ??
      (options.dataFile && !options.inMemory
        ? join(dirname(resolve(options.dataFile)), "tls")
        : resolve(".data", "tls"));
    tls = await generatedTls(dir);
  } else if (options.tls && typeof options.tls === "object") {
    tls = givenTls(options.tls.certFile, options.tls.keyFile);
  }
  const m = createModels(appOpts);
  const log =
    options.log === true
      ? (l: string) => process.stdout.write(`${l}\n`)
      : typeof options.log === "function"
        ? options.log
        : undefined;
  const handler = createHandler(m, { log, logFormat: options.logFormat, controlToken: options.controlToken });
  const listener = (req: Parameters<typeof handler>[0], res: Parameters<typeof handler>[1]) => void handler(req, res);
  const server: Server = tls ? createHttps({ key: tls.key, cert: tls.cert }, listener) : createHttp(listener);
  server.keepAliveTimeout = 5000;
  await new Promise<void>((res, rej) => {
    server.once("error", rej);
    server.listen(options.port ?? 8046, host, () => res());
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(":") ? `[${host}]` : host;
  let closed = false;
  return {
    url: `${tls ? "https" : "http"}://${shownHost}:${port}`,
    apiVersion,
    host,
    port,
    caFile: tls?.caFile,
    caPem: tls?.caPem,
    counts: () => m.counts.snapshot(),
    resetCounts: () => m.counts.reset(),
    setFaults: (f) => m.faults.set(f, true),
    expireSessions: () => m.sessions.expireAll(),
    setTaskDurationMs: (ms) => {
      m.taskDurationMs = ms;
    },
    setRecoveryMs: (ms) => {
      m.recoveryMs = ms;
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await new Promise<void>((res) => {
        server.close(() => res());
        server.closeAllConnections();
      });
      m.close();
    },
  };
}
