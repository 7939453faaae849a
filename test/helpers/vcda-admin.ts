/**
 * Out-of-band changes for real-engine tests: plain HTTPS calls to the emulator's VCDA API with an admin session,
 * the way someone clicking in the VCDA UI or running curl would change things behind the stack's back.
 * Deliberately independent of provider/client.
 */

import { request as httpRequest } from "node:http";
import { request } from "node:https";

const ACCEPT = "application/vnd.vmware.h4-v4.1+json;charset=UTF-8";

/**
 * All twelve writable policy fields of the v4.1 guide, allowing everything; `over` changes some or adds the newer flags.
 * A 4.1 emulator needs all twelve on PUT; from 4.5 it resets whatever a PUT leaves out (README, API-version profiles).
 */
export function policyBody(displayName: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    displayName,
    minRpo: 15,
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

type Rec = Record<string, unknown>;

export interface Endpoint {
  url: string;
  caPem?: string;
}

export class VcdaAdmin {
  private token?: string;

  constructor(
    private readonly endpoint: Endpoint,
    private readonly user = "root",
    private readonly password = "password",
  ) {}

  async call<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    if (!this.token && path !== "/sessions") await this.login();
    const res = await this.raw(method, path, body, this.token);
    return res as { status: number; body: T };
  }

  private async login(): Promise<void> {
    const res = await this.raw("POST", "/sessions", {
      type: "localUser",
      localUser: this.user,
      localPassword: this.password,
    });
    if (res.status !== 200 || !res.token)
      throw new Error(`admin login failed: ${res.status} ${JSON.stringify(res.body)}`);
    this.token = res.token;
  }

  /**
   * Changes some fields of a policy the way the VCDA UI would: reads it and PUTs it back with `changes`, so on a 4.5+
   * emulator nothing else is reset. (`onpremDataCap`, which 4.5+ never returns, goes back as sent in `changes` or not
   * at all.)
   */
  async updatePolicy(id: string, changes: Record<string, unknown>): Promise<{ status: number; body: unknown }> {
    const got = await this.call<Record<string, unknown>>("GET", `/policies/${id}`);
    if (got.status !== 200) return got;
    const { id: _id, orgs: _orgs, ...fields } = got.body;
    return this.call("PUT", `/policies/${id}`, { ...fields, ...changes });
  }

  /**
   * Ids of the VM replications (vApp members included) whose test failover is active or whose recovery is running
   * (`recoveryState` TEST or IN_PROGRESS): what a drill must leave empty. Reads every page of GET /vm-replications.
   */
  async replicationsInTest(): Promise<string[]> {
    const out: string[] = [];
    for (let offset = 0; ; offset += 100) {
      const { status, body } = await this.call<{ items: Rec[]; total: number }>(
        "GET",
        `/vm-replications?limit=100&offset=${offset}`,
      );
      if (status !== 200) throw new Error(`GET /vm-replications: ${status} ${JSON.stringify(body)}`);
      for (const r of body.items) {
        const state = (r.destinationState as Rec | undefined)?.recoveryInfo as Rec | undefined;
        if (state?.recoveryState === "TEST" || state?.recoveryState === "IN_PROGRESS") out.push(String(r.id));
      }
      if (offset + 100 >= body.total) return out;
    }
  }

  /** Waits for a task returned by a 202 to leave RUNNING. */
  async waitTask(taskId: string): Promise<Record<string, unknown>> {
    for (let i = 0; i < 600; i++) {
      const { body } = await this.call<Record<string, unknown>>("GET", `/tasks/${taskId}`);
      if (body.state !== "RUNNING") return body;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`task ${taskId} still RUNNING`);
  }

  private raw(method: string, path: string, body: unknown, token?: string) {
    const url = new URL(path, this.endpoint.url);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = { Accept: ACCEPT };
    if (payload) headers["Content-Type"] = "application/json";
    if (token) headers["X-VCAV-Auth"] = token;
    const send = url.protocol === "https:" ? request : httpRequest;
    return new Promise<{ status: number; body: unknown; token?: string }>((resolve, reject) => {
      const req = send(url, { method, headers, ca: this.endpoint.caPem }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            // not JSON; keep the text
          }
          resolve({
            status: res.statusCode ?? 0,
            body: parsed,
            token: res.headers["x-vcav-auth"] as string | undefined,
          });
        });
      });
      req.on("error", reject);
      if (payload) req.write(payload);
      req.end();
    });
  }
}
