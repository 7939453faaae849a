/**
 * Progress and debug logging. Under the Pulumi engine (program or dynamic-provider process) messages go through
 * `pulumi.log`; elsewhere (unit tests, scripts) they go to a sink that is a no-op unless one is set or `VCDA_DEBUG=1`.
 */
import * as pulumi from "@pulumi/pulumi";

export type LogLevel = "debug" | "info" | "warn";
export type LogSink = (level: LogLevel, message: string) => void;

let sink: LogSink | undefined;

/** Route messages to `fn` instead of Pulumi (tests). Pass undefined to restore. @internal */
export function setLogSink(fn: LogSink | undefined): void {
  sink = fn;
}

function underPulumi(): boolean {
  if (pulumi.runtime.hasEngine()) return true;
  // The dynamic-provider plugin process has no engine address in its settings; its stdout/stderr go to the engine.
  return process.argv.some((a) => a.includes("dynamic-provider"));
}

function emit(level: LogLevel, message: string): void {
  if (sink) {
    sink(level, message);
    return;
  }
  if (underPulumi()) {
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
