/**
 * The committed SDKs (sdk/): what `npm run sdk` generates from the contracts today, the Python SDK compiles
 * (`python3 -m py_compile`; no PyPI here to install its dependencies and run it), the TypeScript SDK type-checks
 * against @pulumi/pulumi, and the .NET SDK is generated only (no dotnet or NuGet here).
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/engine";

const execFileP = promisify(execFile);
const sdk = join(repoRoot, "sdk");

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe("the generated SDKs", () => {
  let fresh: string;

  beforeAll(async () => {
    fresh = mkdtempSync(join(tmpdir(), "vcda-sdk-check-"));
    const { generate } = await import(join(repoRoot, "scripts", "sdkgen", "sdkgen.mjs"));
    await generate(fresh);
  }, 900_000);
  afterAll(() => {
    if (fresh) rmSync(fresh, { recursive: true, force: true });
  });

  it("are what the contracts generate today (run `npm run sdk` after changing a contract)", async () => {
    const { differences, LANGUAGES } = await import(join(repoRoot, "scripts", "sdkgen", "sdkgen.mjs"));
    for (const entry of ["schema.json", ...LANGUAGES]) {
      expect(differences(join(fresh, entry), join(sdk, entry)), `sdk/${entry}`).toEqual([]);
    }
  });

  it("Python: every module compiles", async () => {
    const modules = filesUnder(join(sdk, "python")).filter((f) => f.endsWith(".py"));
    expect(modules.map((f) => f.slice(sdk.length + 1))).toEqual(
      expect.arrayContaining(["python/pulumi_vcda/policy.py", "python/pulumi_vcda/vm_replication.py"]),
    );
    const cache = mkdtempSync(join(tmpdir(), "vcda-pycache-"));
    try {
      // The byte code goes to a temporary folder, never next to the committed sources.
      await execFileP("python3", ["-m", "py_compile", ...modules], {
        env: { ...process.env, PYTHONPYCACHEPREFIX: cache },
      });
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
    expect(readFileSync(join(sdk, "python", "pulumi_vcda", "policy.py"), "utf8")).toContain("'vcda:index:Policy'");
  });

  it("TypeScript: the package type-checks against @pulumi/pulumi", async () => {
    const tsc = join(repoRoot, "node_modules", "typescript", "bin", "tsc");
    const run = await execFileP(process.execPath, [tsc, "-p", join(sdk, "nodejs", "tsconfig.json"), "--noEmit"]).catch(
      (e: { stdout?: string; message: string }) => ({ stdout: `${e.message}\n${e.stdout ?? ""}` }),
    );
    expect(run.stdout).toBe("");
  });

  it(".NET: generated only, one class per resource and the provider", () => {
    const dotnet = join(sdk, "dotnet");
    for (const f of ["Policy.cs", "DefaultPolicy.cs", "PolicyAssignment.cs", "VmReplication.cs", "Provider.cs"]) {
      expect(readFileSync(join(dotnet, f), "utf8")).toMatch(/namespace PulumiVcda\.Vcda/);
    }
    expect(readFileSync(join(dotnet, "VmReplication.cs"), "utf8")).toContain('"vcda:index:VmReplication"');
    expect(readFileSync(join(dotnet, "PulumiVcda.Vcda.csproj"), "utf8")).toContain('Include="Pulumi"');
  });
});
