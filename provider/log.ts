/**
 * Progress and debug logging. In a program, messages go through `pulumi.log`. In the dynamic-provider process,
 * which the SDK does not connect to the engine's log service, they go to the engine's Log RPC ourselves, so debug
 * lines (with their operationIDs) show under `pulumi up --debug` like any provider's. Elsewhere (unit tests,
 * scripts) they go to a sink that is a no-op unless one is set or `VCDA_DEBUG=1`.
 */
import { dirname } from "node:path";
import * as pulumi from "@pulumi/pulumi";

export type LogLevel = "debug" | "info" | "warn";
export type LogSink = (level: LogLevel, message: string) => void;

let sink: LogSink | undefined;

/** Route messages to `fn` instead of Pulumi (tests). Pass undefined to restore. @internal */
export function setLogSink(fn: LogSink | undefined): void {
  sink = fn;
}

type EngineLog = (level: LogLevel, message: string) => void;

/** Debug lines wait at most this long, or until this many are waiting, before they go to the engine together. */
const DEBUG_FLUSH_MS = 200;
const DEBUG_FLUSH_LINES = 100;

let engineLog: EngineLog | null | undefined;

/** The engine's Log RPC, when this is the dynamic-provider process (its first argument is the engine's address). */
function providerEngineLog(): EngineLog | null {
  if (engineLog !== undefined) return engineLog;
  engineLog = null;
  const i = process.argv.findIndex((a) => /dynamic-provider/.test(a));
  const addr = i >= 0 ? process.argv[i + 1] : undefined;
  if (addr) connectEngineLog(addr);
  return engineLog;
}

/** Sends messages to the engine's Log RPC at `addr` (a provider process: the dynamic provider, the plugin). @internal */
export function connectEngineLog(addr: string): void {
  if (!/^[\w.\-[\]]+:\d+$/.test(addr)) return;
  try {
    // The generated clients ship inside @pulumi/pulumi; grpc-js is its dependency, resolved from there.
    const sdk = dirname(require.resolve("@pulumi/pulumi/package.json"));
    const grpc = require(require.resolve("@grpc/grpc-js", { paths: [sdk] }));
    const rpc = require(`${sdk}/proto/engine_grpc_pb.js`);
    const pb = require(`${sdk}/proto/engine_pb.js`);
    const client = new rpc.EngineClient(addr, grpc.credentials.createInsecure());
    const severity = { debug: pb.LogSeverity.DEBUG, info: pb.LogSeverity.INFO, warn: pb.LogSeverity.WARNING };
    const send = (level: LogLevel, message: string) => {
      const req = new pb.LogRequest();
      req.setSeverity(severity[level]);
      req.setMessage(message);
      client.log(req, () => undefined);
    };
    // Debug lines go out together, one Log RPC per DEBUG_FLUSH_MS: a Log RPC per request or task observation cost the
    // provider and the engine about as much CPU as the operation itself (a few ms per resource).
    let buffered: string[] = [];
    let timer: NodeJS.Timeout | undefined;
    const flush = () => {
      if (timer) clearTimeout(timer);
      timer = undefined;
      if (buffered.length === 0) return;
      send("debug", buffered.join("\n"));
      buffered = [];
    };
    engineLog = (level, message) => {
      if (level !== "debug") {
        flush(); // keeps the order of debug and progress lines
        send(level, message);
        return;
      }
      buffered.push(message);
      if (buffered.length >= DEBUG_FLUSH_LINES) flush();
      else if (!timer) timer = setTimeout(flush, DEBUG_FLUSH_MS);
    };
  } catch {
    engineLog = null;
  }
}

function emit(level: LogLevel, message: string): void {
  if (sink) {
    sink(level, message);
    return;
  }
  const toEngine = pulumi.runtime.hasEngine() ? undefined : providerEngineLog();
  if (toEngine) {
    toEngine(level, message);
    return;
  }
  if (pulumi.runtime.hasEngine()) {
    const p =
      level === "debug"
        ? pulumi.log.debug(message)
        : level === "info"
          ? pulumi.log.info(message)
          : pulumi.log.warn(message);
    p.catch(() => undefined);
    return;
  }
  if (process.env.VCDA_DEBUG === "1" || (level === "warn" && !process.env.VITEST)) {
    process.stderr.write(`[vcda ${level}] ${message}\n`);
  }
}

export const log = {
  debug: (message: string): void => emit("debug", message),
  info: (message: string): void => emit("info", message),
  warn: (message: string): void => emit("warn", message),
};
