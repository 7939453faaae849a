#!/usr/bin/env node
import { parseArgs } from "node:util";
import { API_VERSIONS, type EmulatorOptions, startEmulator } from "./index.js";
import { isApiVersion } from "./model/profiles.js";

const USAGE = `Usage: vcda-emulator [--api-version ${API_VERSIONS.join("|")}] [--status-omits-idle-orgs]
  [--host H] [--port P] [--data FILE | --in-memory] [--inventory FILE] [--generate-vms N]
  [--generate-vapps N [--vms-per-vapp M]]
  [--task-duration-ms N] [--recovery-ms N] [--session-idle-minutes N] [--time-scale N] [--initial-sync-ms N]
  [--tls [--tls-dir DIR] | --tls-cert FILE --tls-key FILE] [--control-token T]
  [--fault-latency-ms N] [--fault-error-rate R] [--fault-error-status S] [--fault-drop-rate R]
  [--fault-throttle-rate R] [--fault-retry-after S] [--fault-task-failure-rate R] [--fault-session-expiry-rate R] [--fault-seed N]
  [--log-format json|text] [--quiet]`;

function num(v: string | undefined, name: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) {
    process.stderr.write(`vcda-emulator: --${name} must be a number\n${USAGE}\n`);
    process.exit(2);
  }
  return n;
}

function generateVapps(v: Record<string, string | undefined>): EmulatorOptions["generateVapps"] {
  const count = num(v["generate-vapps"], "generate-vapps");
  const per = num(v["vms-per-vapp"], "vms-per-vapp");
  if (per !== undefined && count === undefined) {
    process.stderr.write(`vcda-emulator: --vms-per-vapp needs --generate-vapps\n${USAGE}\n`);
    process.exit(2);
  }
  return count === undefined ? undefined : { count, vmsPerVapp: per };
}

async function main(): Promise<void> {
  const s = { type: "string" } as const;
  const b = { type: "boolean" } as const;
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        "api-version": s,
        "status-omits-idle-orgs": b,
        host: s,
        port: s,
        data: s,
        "in-memory": b,
        inventory: s,
        "generate-vms": s,
        "generate-vapps": s,
        "vms-per-vapp": s,
        "task-duration-ms": s,
        "recovery-ms": s,
        "session-idle-minutes": s,
        "time-scale": s,
        "initial-sync-ms": s,
        tls: b,
        "tls-dir": s,
        "tls-cert": s,
        "tls-key": s,
        "control-token": s,
        "fault-latency-ms": s,
        "fault-error-rate": s,
        "fault-error-status": s,
        "fault-drop-rate": s,
        "fault-throttle-rate": s,
        "fault-retry-after": s,
        "fault-task-failure-rate": s,
        "fault-session-expiry-rate": s,
        "fault-seed": s,
        "log-format": s,
        quiet: b,
        help: b,
      },
    }));
  } catch (e) {
    process.stderr.write(`vcda-emulator: ${(e as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  const v = values as Record<string, string | undefined> & {
    tls?: boolean;
    quiet?: boolean;
    help?: boolean;
    "in-memory"?: boolean;
    "status-omits-idle-orgs"?: boolean;
  };
  if (v.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if ((v["tls-cert"] === undefined) !== (v["tls-key"] === undefined)) {
    process.stderr.write("vcda-emulator: --tls-cert and --tls-key go together\n");
    process.exit(2);
  }
  const apiVersion = v["api-version"] ?? "4.1";
  if (!isApiVersion(apiVersion)) {
    process.stderr.write(
      `vcda-emulator: --api-version must be one of ${API_VERSIONS.join(", ")}; got '${apiVersion}'\n`,
    );
    process.exit(2);
  }
  const logFormat = v["log-format"] === "text" ? "text" : "json";
  const faults = Object.fromEntries(
    Object.entries({
      latencyMs: num(v["fault-latency-ms"], "fault-latency-ms"),
      errorRate: num(v["fault-error-rate"], "fault-error-rate"),
      errorStatus: num(v["fault-error-status"], "fault-error-status"),
      dropRate: num(v["fault-drop-rate"], "fault-drop-rate"),
      throttleRate: num(v["fault-throttle-rate"], "fault-throttle-rate"),
      retryAfterSeconds: num(v["fault-retry-after"], "fault-retry-after"),
      taskFailureRate: num(v["fault-task-failure-rate"], "fault-task-failure-rate"),
      sessionExpiryRate: num(v["fault-session-expiry-rate"], "fault-session-expiry-rate"),
      seed: num(v["fault-seed"], "fault-seed"),
    }).filter(([, x]) => x !== undefined),
  );
  const opts: EmulatorOptions = {
    apiVersion,
    statusOmitsIdleOrgs: v["status-omits-idle-orgs"],
    host: v.host,
    port: num(v.port, "port"),
    dataFile: v.data,
    inMemory: v["in-memory"] || !v.data,
    inventory: v.inventory,
    generateVms: num(v["generate-vms"], "generate-vms"),
    generateVapps: generateVapps(v),
    taskDurationMs: num(v["task-duration-ms"], "task-duration-ms"),
    recoveryMs: num(v["recovery-ms"], "recovery-ms"),
    sessionIdleMinutes: num(v["session-idle-minutes"], "session-idle-minutes"),
    timeScale: num(v["time-scale"], "time-scale"),
    initialSyncMs: num(v["initial-sync-ms"], "initial-sync-ms"),
    tls: v["tls-cert"] && v["tls-key"] ? { certFile: v["tls-cert"], keyFile: v["tls-key"] } : v.tls,
    tlsDir: v["tls-dir"],
    controlToken: v["control-token"],
    faults,
    log: v.quiet ? false : (line: string) => process.stderr.write(`${line}\n`),
    logFormat,
  };
  const emu = await startEmulator(opts);
  process.stdout.write(`VCDA emulator listening on ${emu.url}\n`);
  if (emu.caFile) process.stdout.write(`CA certificate: ${emu.caFile}\n`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    emu.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((e) => {
  process.stderr.write(`vcda-emulator: ${(e as Error).message}\n`);
  process.exit(1);
});
