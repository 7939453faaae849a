import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/engine";

const run = promisify(execFile);

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

describe("npm start: the demo stack on the embedded emulator", () => {
  const data = mkdtempSync(join(tmpdir(), "vcda-demo-"));
  // Its own stack name: stack config lives next to Pulumi.yaml, and a developer's `dev` stack must not be touched.
  const stack = `demo-test-${process.pid}`;
  let env: NodeJS.ProcessEnv;
  const script = (name: string, args: string[] = []) =>
    run(process.execPath, [join(repoRoot, "scripts", name), ...args], {
      cwd: repoRoot,
      env,
      maxBuffer: 64 * 1024 * 1024,
    });

  afterAll(async () => {
    // Removes Pulumi.<stack>.yaml too, should a test have failed before doing it.
    await script("pulumi.mjs", ["stack", "rm", "--yes", "--force", "--stack", stack]).catch(() => undefined);
    rmSync(data, { recursive: true, force: true });
  });

  it("creates the policy, its assignment and four replications with a real pulumi up", async () => {
    env = {
      ...process.env,
      VCDA_DEMO_DATA: data,
      VCDA_DEMO_STACK: stack,
      VCDA_EMULATOR_PORT: String(await freePort()),
    };
    const { stdout } = await script("start.mjs");
    expect(stdout).toContain("+ 8 created");
    expect(stdout).toMatch(/replicationIds\s+\{"demo-vm-01":"C4-/);
    expect(stdout).toMatch(/health\s+\{"demo-vm-01":"(GREEN|YELLOW)"/);
    expect(stdout).toContain('"org":"org2"');
  });

  it("shows no changes on a second run, the emulator's data kept", async () => {
    expect(existsSync(join(repoRoot, `Pulumi.${stack}.yaml`))).toBe(true);
    const { stdout } = await script("start.mjs");
    expect(stdout).toContain("8 unchanged");
    expect(stdout).not.toMatch(/\+ \d+ created|~ \d+ updated|\+-\d+ replaced/);
  });

  it("drills the demo stack with npm run drill: a report, and a JUnit failure when a target is missed", async () => {
    const out = join(data, "drill");
    const { stdout } = await script("drill.mjs", ["--stack", stack, "--max-rto", "10m", "--out", out]);
    expect(stdout).toContain(`DR drill of \`${stack}\`: passed`);
    // The three protections, not the migration.
    for (const name of ["demo-vm-01", "demo-vm-02", "onprem-vm-01", "web-tier"]) expect(stdout).toContain(name);
    expect(stdout).not.toContain("org2-vm-01-migration");
    const missed = await script("drill.mjs", ["--stack", stack, "--max-rto", "0.1s", "--out", out]).then(
      () => undefined,
      (e: { code?: number }) => e,
    );
    expect(missed?.code).toBe(1);
    expect(readFileSync(join(out, "drill.junit.xml"), "utf8")).toContain("exceeds 0.1 s");
  }, 300_000);

  it("runs the same CLI by hand through npm run pulumi, down to an empty stack", async () => {
    const { stdout } = await script("pulumi.mjs", ["destroy", "--yes", "--stack", stack]);
    expect(stdout).toContain("8 deleted");
    const preview = await script("pulumi.mjs", ["preview", "--stack", stack]);
    expect(preview.stdout).toContain("+ 8 to create");
    await script("pulumi.mjs", ["stack", "rm", "--yes", "--stack", stack]);
    expect(existsSync(join(repoRoot, `Pulumi.${stack}.yaml`))).toBe(false);
  });
});
