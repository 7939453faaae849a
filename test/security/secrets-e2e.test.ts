/**
 * Under the real engine: the state at rest (`pulumi stack export` without --show-secrets), the provider's logs
 * (`--debug` output, engine events, verbose engine log on stderr) and the error output of a failing run never contain
 * the login password, the site password or a session token the emulator issued.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultInventory, type RunningEmulator, startEmulator } from "../../emulator/index";
import { Sessions } from "../../emulator/model/sessions";
import { createTestStack, type TestStack } from "../helpers/engine";

const LOGIN_PW = `Login-${process.pid}-Pw-7f3a9c`;
const SITE_PW = `Site-${process.pid}-Pw-2b8e1d`;
const WRONG_PW = `Wrong-${process.pid}-Pw-5c4d3e`;

describe("no plaintext secrets in state, logs or errors (real engine)", () => {
  let emulator: RunningEmulator;
  let t: TestStack;
  const tokens: string[] = [];
  const output: string[] = [];
  const origLogin = Sessions.prototype.login;

  const leaks = (text: string) =>
    [LOGIN_PW, SITE_PW, WRONG_PW, ...tokens].filter((s) => text.includes(s)).map((s) => `${s.slice(0, 12)}…`);

  beforeAll(async () => {
    Sessions.prototype.login = function (this: Sessions, ...args: Parameters<Sessions["login"]>) {
      const r = origLogin.apply(this, args);
      tokens.push(r.token);
      return r;
    };
    const inv = defaultInventory();
    inv.users = [
      ...inv.users,
      { username: "secops", password: LOGIN_PW, kind: "local" },
      { username: "ext@System", password: SITE_PW, kind: "vcdProvider", site: "site1" },
    ];
    emulator = await startEmulator({ port: 0, inMemory: true, inventory: inv, generateVms: 2, taskDurationMs: 50 });
    t = await createTestStack({
      workDir: join(__dirname, "programs", "secrets"),
      stackName: `secrets-${process.pid}`,
      config: {
        "vcda:endpoint": { value: emulator.url },
        "vcda:username": { value: "secops" },
        "vcda:password": { value: LOGIN_PW, secret: true },
        "vcda:sites": {
          value: JSON.stringify({ site1: { type: "credentials", username: "ext@System", password: SITE_PW } }),
          secret: true,
        },
      },
    });
  });
  afterAll(async () => {
    Sessions.prototype.login = origLogin;
    await t?.dispose();
    await emulator?.close();
  });

  it("creates the stack with debug logs, verbose engine logs and events captured, none of them leaking", async () => {
    const events: string[] = [];
    const up = await t.stack.up({
      debug: true,
      logVerbosity: 9,
      logToStdErr: true,
      onOutput: (o) => output.push(o),
      onEvent: (e) => events.push(JSON.stringify(e)),
    });
    expect(up.summary.result).toBe("succeeded");
    expect(tokens.length).toBeGreaterThan(0);
    // The provider did log at debug level (login, extension, polls), so the check below looks at real log lines.
    expect(output.join("")).toMatch(/logged in|polling|VCDA task/);
    expect(leaks(output.join("")), "pulumi up --debug output").toEqual([]);
    expect(leaks(events.join("\n")), "engine events").toEqual([]);
    expect(up.stderr.length, "the verbose engine log was captured").toBeGreaterThan(10_000);
    expect(leaks(up.stderr), "verbose engine log (-v=9 --logtostderr)").toEqual([]);
  });

  it("stores neither password nor token in plaintext in the exported state", async () => {
    const text = await t.exportText();
    expect(text).toContain("secrets_providers");
    expect(leaks(text)).toEqual([]);
  });

  it("a run with a wrong password fails with a clear error that does not echo it", async () => {
    // An update (rpo 30 → 60) with a wrong password: the program's provider configuration carries the new password.
    await t.stack.setConfig("vcda:password", { value: WRONG_PW, secret: true });
    await t.stack.setConfig("rpo", { value: "60" });
    const err = await t.stack.up({ onOutput: (o) => output.push(o) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    const text = `${(err as Error).message}\n${output.join("")}`;
    expect(text).toMatch(/Login as secops .* was refused/);
    expect(leaks(text)).toEqual([]);
    // Refresh and destroy use the provider configuration recorded in the state by the last `up` (engine behaviour):
    // after a password change, run `up` first.
    await t.stack.setConfig("vcda:password", { value: LOGIN_PW, secret: true });
    const up = await t.stack.up({ onOutput: (o) => output.push(o) });
    expect(up.summary.result).toBe("succeeded");
    const destroy = await t.stack.destroy({ onOutput: (o) => output.push(o) });
    expect(destroy.summary.result).toBe("succeeded");
    expect(leaks(output.join(""))).toEqual([]);
  });
});
