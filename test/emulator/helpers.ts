import { type EmulatorOptions, type RunningEmulator, startEmulator } from "../../emulator/index.js";

export const MEDIA = "application/vnd.vmware.h4-v4.1+json;charset=UTF-8";
export const IDS = {
  vdcOrg2: "d6977f40-4d90-46b2-a34e-5077e8648eda",
  vdcOrg1: "f61d60d2-698a-46dc-a266-88df27644956",
  vdcOrg3: "a3c0e2f4-1b2d-4e6f-8a9b-0c1d2e3f4a03",
  vmExample: "5ee9224f-305d-46f6-865f-b605e70acef8",
  seedVm: "107102e0-e03b-404e-8e17-0688c657a74b",
  vcExample: "9664de13-6150-4315-9f59-2d85eb4c302f",
  vcOnprem1: "7d3c1e2a-5b4f-4e6d-9a8b-0c1d2e3f4a5b",
  gold: "2bfb7696-3aa1-49d3-bb40-d9e97df1baba",
  exampleRep: "C4-ec991bd5-af9d-446a-8599-5b693842c4a3",
  demoVm: (n: number) => `5e1a0000-0000-4000-8000-${String(n).padStart(12, "0")}`,
  org2Vm: (n: number) => `5e2a0000-0000-4000-8000-${String(n).padStart(12, "0")}`,
  org3Vm: (n: number) => `5e3a0000-0000-4000-8000-${String(n).padStart(12, "0")}`,
  /** vApp "web-tier" (site1/org1), VMs web-01..03. */
  webTier: "9664de13-6150-4315-9f59-2d85eb4c302f",
  webVm: (n: number) => `7e1a0000-0000-4000-8000-${String(n).padStart(12, "0")}`,
};

// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked by assertions
export type Json = any;

export interface Res<T = Json> {
  status: number;
  headers: Headers;
  body: T;
}

export class Client {
  token?: string;
  /** `accept` null sends no Accept header. */
  constructor(
    readonly url: string,
    readonly accept: string | null = MEDIA,
  ) {}

  async call<T = Json>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Res<T>> {
    const h: Record<string, string> = { ...(this.accept ? { Accept: this.accept } : {}), ...headers };
    if (this.token) h["X-VCAV-Auth"] = this.token;
    if (body !== undefined) h["Content-Type"] ??= "application/json";
    const r = await fetch(this.url + path, {
      method,
      headers: h,
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await r.text();
    return { status: r.status, headers: r.headers, body: text ? JSON.parse(text) : undefined };
  }
  get = <T = Json>(p: string) => this.call<T>("GET", p);
  post = <T = Json>(p: string, b?: unknown) => this.call<T>("POST", p, b);
  put = <T = Json>(p: string, b?: unknown) => this.call<T>("PUT", p, b);
  patch = <T = Json>(p: string, b?: unknown) => this.call<T>("PATCH", p, b);
  del = <T = Json>(p: string) => this.call<T>("DELETE", p);

  async login(body: Record<string, unknown>): Promise<Res> {
    const r = await this.call("POST", "/sessions", body);
    if (r.status === 200) this.token = r.headers.get("x-vcav-auth") ?? undefined;
    return r;
  }

  /** Polls a task until it leaves RUNNING. */
  async wait(taskId: string, timeoutMs = 10_000): Promise<Json> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const r = await this.get(`/tasks/${taskId}`);
      if (r.status !== 200) throw new Error(`task ${taskId}: ${r.status} ${JSON.stringify(r.body)}`);
      if (r.body.state !== "RUNNING") return r.body;
      if (Date.now() > end) throw new Error(`task ${taskId} still RUNNING`);
      await sleep(15);
    }
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const ROOT = { type: "localUser", localUser: "root", localPassword: "password" };
export const TENANT2 = { type: "vcdCredentials", vcdUser: "admin1@org2", vcdPassword: "password" };
export const TENANT3 = { type: "vcdCredentials", vcdUser: "admin3@org3", vcdPassword: "password" };

export async function start(o: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator({ port: 0, inMemory: true, taskDurationMs: 40, timeScale: 6000, ...o });
}

export async function admin(e: RunningEmulator, sites: string[] = ["site1"], accept = MEDIA): Promise<Client> {
  const c = new Client(e.url, accept);
  await c.login(ROOT);
  for (const site of sites)
    await c.post("/sessions/extend", {
      type: "credentials",
      site,
      vcdUsername: "root@System",
      vcdPassword: "password",
    });
  return c;
}

export async function tenant(e: RunningEmulator, body = TENANT2, extendTo?: string): Promise<Client> {
  const c = new Client(e.url);
  const r = await c.login(body);
  if (r.status !== 200) throw new Error(`tenant login: ${r.status}`);
  if (extendTo) await c.post("/sessions/extend", { type: "multisite", site: extendTo, org: "org1" });
  return c;
}

export function policyBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    displayName: `p-${Math.random().toString(36).slice(2, 10)}`,
    minRpo: 5,
    maxInstances: 24,
    maxPinnedInstances: 0,
    maxIncoming: -1,
    allowIncomingProtections: true,
    allowOutgoingProtections: true,
    allowIncomingMigrations: true,
    allowOutgoingMigrations: true,
    onpremDataCap: 0,
    allowCustomSlaSettings: true,
    allowNotificationConfiguration: true,
    ...over,
  };
}

/** Creates a policy and assigns it to the org; returns its id. */
export async function openOrg(c: Client, org = "org2", over: Record<string, unknown> = {}): Promise<string> {
  const p = await c.post("/policies", policyBody(over));
  if (p.status !== 201) throw new Error(`policy: ${p.status} ${JSON.stringify(p.body)}`);
  const a = await c.patch(`/policies/${p.body.id}/orgs/${org}`);
  if (a.status !== 202) throw new Error(`assign: ${a.status}`);
  return p.body.id;
}

export function cloudBody(vmId: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    source: { type: "vm", site: "site1", vmId, excludedDisks: [] },
    destination: { type: "vcloud", site: "site2", vdc: IDS.vdcOrg2, storageProfile: "*" },
    description: "test",
    rpo: 15,
    dataConnectionType: "ENCRYPTED",
    quiesced: true,
    retentionPolicy: { rules: [{ numberOfInstances: 3, distance: 60 }] },
    isMigration: false,
    ...over,
  };
}

/** Creates a replication and waits for it; returns the replication id. */
export async function replicate(c: Client, body: Record<string, unknown>, site = "site2"): Promise<string> {
  const r = await c.post(`/vm-replications?site=${site}`, body);
  if (r.status !== 202) throw new Error(`create: ${r.status} ${JSON.stringify(r.body)}`);
  const t = await c.wait(r.body.id);
  if (t.state !== "SUCCEEDED") throw new Error(`create task: ${JSON.stringify(t.error)}`);
  return t.result.id;
}

/** The reference's POST /vapp-replications example (4.5/4.6), which protects web-tier; `over` changes fields. */
export function vappBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    source: { type: "vapp", site: "site1", vappId: IDS.webTier },
    destination: { type: "vcloud", site: "site2", vdc: IDS.vdcOrg2, storageProfile: "*" },
    description: "A Protected Workload",
    rpo: 5,
    slaProfileId: null,
    dataConnectionType: "ENCRYPTED",
    quiesced: true,
    retentionPolicy: { rules: [{ numberOfInstances: 3, distance: 60 }] },
    targetDiskType: "THIN",
    initialSyncTime: 0,
    isMigration: false,
    ...over,
  };
}

/** Creates a vApp replication and waits for it; returns the finished task's result (VappReplicationInfo). */
export async function replicateVapp(
  c: Client,
  body: Record<string, unknown> = vappBody(),
  site = "site2",
): Promise<Json> {
  const r = await c.post(`/vapp-replications?site=${site}`, body);
  if (r.status !== 202) throw new Error(`vApp create: ${r.status} ${JSON.stringify(r.body)}`);
  const t = await c.wait(r.body.id);
  if (t.state !== "SUCCEEDED") throw new Error(`vApp create task: ${JSON.stringify(t.error)}`);
  return t.result;
}

/** Waits until every VM of a vApp replication has an instance (initial sync done). */
export async function synced(c: Client, vappReplicationId: string, timeoutMs = 5000): Promise<Json> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = (await c.get(`/vapp-replications/${vappReplicationId}`)).body;
    if (v.vmReplications.every((m: Json) => m.destinationState.latestInstance !== null)) return v;
    if (Date.now() > end) throw new Error(`${vappReplicationId}: initial sync not done`);
    await sleep(15);
  }
}
