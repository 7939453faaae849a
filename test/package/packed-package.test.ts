/**
 * The package as a user gets it: `npm pack`, then projects in a fresh folder outside the repository (no
 * node_modules above it) that depend on the tarball and install with their own package.json only:
 *  - every example of examples/ type-checks with its own TypeScript and tsconfig and previews against the emulator;
 *    the quickstart goes through up and destroy;
 *  - `pulumi new` from the template the package ships, then npm install and a preview;
 *  - the emulator is the package's: `npx vcda-emulator` in one of those installs;
 *  - a Pulumi YAML project that installs the package for its provider plugin (`plugins.providers` pointing at
 *    node_modules/pulumi-vcda/bin) goes through up and destroy.
 * Previews run transpile-only (the examples are type-checked by tsc) except the quickstart's and the template's,
 * which the engine type-checks with the project's TypeScript, as it does for a user by default.
 * Examples whose package.json declare the same dependencies share one `npm install` (user-folder.ts).
 */
import { execFile } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { type ConfigMap, LocalWorkspace, PulumiCommand } from "@pulumi/pulumi/automation";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestStack, getEngine, type TestStack, userResources } from "../helpers/engine";
import {
  exampleConfig,
  exampleNames,
  examplesDir,
  expectQuickstartOutputs,
  previewCreates,
  site1Vm,
} from "../helpers/examples";
import { VcdaAdmin } from "../helpers/vcda-admin";
import { type PackagedEmulator, startPackagedEmulator } from "./packaged-emulator";
import {
  brokenSourceMaps,
  missingEntryPoints,
  modulesWithoutTypes,
  type Packed,
  pack,
  testFiles,
  unresolvedTypeImports,
} from "./tarball";
import { type Installed, typeCheck } from "./type-check";
import { copyProject, freshFolder, Installer, pointAtTarball, userEnv } from "./user-folder";

const execFileP = promisify(execFile);
const examples = exampleNames();
const TEMPLATE = join("templates", "vcda-typescript");

interface Listed {
  items: Array<{ id: string; vmId: string; settings: { rpo: number } }>;
}

describe("the packed package, installed outside the repository", () => {
  const started = Date.now();
  let home: string;
  let packed: Packed;
  let env: NodeJS.ProcessEnv;
  let installer: Installer;
  let emulator: PackagedEmulator;
  let admin: VcdaAdmin;
  /** Per example, its install (started in beforeAll so installs overlap with the tests before them). */
  const installs = new Map<string, Promise<Installed>>();
  const stacks: TestStack[] = [];

  const projectDir = (name: string) => join(home, name);

  /** A stack of an installed project with the user's PATH; `typeCheck` as the engine does by default. */
  const stackOf = async (dir: string, config: ConfigMap, typeCheck = false) => {
    const t = await createTestStack({
      workDir: dir,
      stackName: "dev",
      config,
      env: { PATH: env.PATH ?? "", PULUMI_NODEJS_TRANSPILE_ONLY: String(!typeCheck) },
    });
    stacks.push(t);
    return t;
  };

  const replications = async () => (await admin.call<Listed>("GET", "/vm-replications")).body.items;

  beforeAll(async () => {
    home = freshFolder();
    const { binDir, yamlDir } = await getEngine();
    env = userEnv([...new Set([binDir, yamlDir])]);
    packed = await pack(home, env);
    installer = new Installer(env);
    // Sequential installs in the background: the first one is the one that downloads; the rest link or install.
    let chain: Promise<unknown> = Promise.resolve();
    for (const name of examples) {
      const dir = projectDir(name);
      copyProject(join(examplesDir, name), dir, packed.file);
      const installed = chain.then(async () => ({ dir, installedBy: await installer.install(dir) }));
      installs.set(name, installed);
      chain = installed.catch(() => undefined);
    }
    await installs.get("quickstart");
    emulator = await startPackagedEmulator(projectDir("quickstart"), env, join(home, "tls"));
    admin = new VcdaAdmin({ url: emulator.url, caPem: emulator.caPem });
  }, 300_000);

  afterAll(async () => {
    for (const t of stacks) await t.dispose();
    await emulator?.close();
    if (home) rmSync(home, { recursive: true, force: true });
    console.log(`[packed-package] ${Math.round((Date.now() - started) / 1000)} s, ${installer?.runs} npm install runs`);
  }, 120_000);

  it("the tarball: entry points and their types, no tests, source maps that resolve; its size", () => {
    console.log(
      `[packed-package] ${packed.file.split("/").pop()}: ${(packed.size / 1024).toFixed(1)} kB packed, ` +
        `${(packed.unpackedSize / 1024).toFixed(1)} kB unpacked, ${packed.files.length} files`,
    );
    expect(missingEntryPoints(packed)).toEqual([]);
    expect(modulesWithoutTypes(packed)).toEqual([]);
    expect(unresolvedTypeImports(packed)).toEqual([]);
    expect(testFiles(packed)).toEqual([]);
    expect(brokenSourceMaps(packed)).toEqual([]);
    expect(packed.files).toContain(`${TEMPLATE}/Pulumi.yaml`);
  });

  it("npx vcda-emulator runs the installed package's emulator, over HTTPS with its generated CA", () => {
    const installed = join(projectDir("quickstart"), "node_modules", "pulumi-vcda", "dist", "emulator", "cli.js");
    expect(emulator.bin).toBe(realpathSync(installed));
    expect(emulator.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(emulator.caPem).toContain("BEGIN CERTIFICATE");
  });

  it("every example type-checks with its own TypeScript and tsconfig (tsc --noEmit)", async () => {
    const installed = await Promise.all(examples.map((name) => installs.get(name) as Promise<Installed>));
    await typeCheck(installed, env);
  }, 180_000);

  for (const name of examples) {
    it(`${name}: installs with its own package.json and previews`, async () => {
      await installs.get(name);
      expect(previewCreates[name], `test/helpers/examples.ts has no previewCreates for ${name}`).toBeDefined();
      const t = await stackOf(projectDir(name), exampleConfig(name, emulator), name === "quickstart");
      const preview = await t.stack.preview();
      expect(preview.changeSummary.create).toBe(previewCreates[name]);
    }, 180_000);
  }

  it("quickstart: up and destroy against the packaged emulator", async () => {
    await installs.get("quickstart");
    const t = await stackOf(projectDir("quickstart"), exampleConfig("quickstart", emulator));
    const up = await t.stack.up();
    expect(up.summary.result).toBe("succeeded");
    expectQuickstartOutputs(up.outputs);
    const id = String(up.outputs.replicationId?.value);
    // The emulator's default inventory has the guide's example replication too: look at ours only.
    const ours = (await replications()).find((r) => r.id === id);
    expect(ours).toMatchObject({ vmId: site1Vm(1), settings: { rpo: 30 } });

    const destroy = await t.stack.destroy();
    expect(destroy.summary.result).toBe("succeeded");
    expect(userResources(await t.exportState())).toHaveLength(0);
    expect((await replications()).map((r) => r.id)).not.toContain(id);
    expect((await admin.call("GET", `/policies/${up.outputs.policyId?.value}`)).status).toBe(404);
  }, 180_000);

  it("a YAML project: the provider plugin from the installed package, up and destroy", async () => {
    await installs.get("quickstart");
    const dir = projectDir("yaml-plugin");
    mkdirSync(dir);
    // The quickstart's dependencies, so the install is a link of its node_modules: pulumi-vcda and @pulumi/pulumi.
    writeFileSync(join(dir, "package.json"), readFileSync(join(projectDir("quickstart"), "package.json")));
    await installer.install(dir);
    const name = `packed-yaml-${process.pid}`;
    writeFileSync(
      join(dir, "Pulumi.yaml"),
      [
        "name: vcda-packed-yaml",
        "runtime: yaml",
        "plugins:",
        "  providers:",
        "    - name: vcda",
        "      path: node_modules/pulumi-vcda/bin",
        "resources:",
        "  gold:",
        "    type: vcda:Policy",
        "    properties:",
        `      displayName: ${name}`,
        "      maxIncoming: -1",
        "outputs:",
        `  policyId: \${gold.id}`,
        "",
      ].join("\n"),
    );
    const t = await stackOf(dir, exampleConfig("quickstart", emulator));
    const up = await t.stack.up();
    expect(up.summary.result).toBe("succeeded");
    const id = String(up.outputs.policyId?.value);
    expect((await admin.call<{ displayName: string }>("GET", `/policies/${id}`)).body.displayName).toBe(name);
    await t.stack.destroy();
    expect((await admin.call("GET", `/policies/${id}`)).status).toBe(404);
  }, 180_000);

  it("pulumi new from the package's template (endpoint and secret password prompts), npm install, preview", async () => {
    await installs.get("quickstart");
    const source = join(projectDir("quickstart"), "node_modules", "pulumi-vcda", TEMPLATE);
    const dir = projectDir("from-template");
    const { binDir } = await getEngine();
    // --generate-only: this repository's language host does not install dependencies (README: The Pulumi engine),
    // so npm install follows, as `pulumi new` with the official one would do.
    const args = ["new", source, "--generate-only", "--yes", "--name", "vcda-from-template", "--dir", dir];
    await execFileP(join(binDir, "pulumi"), [...args, "--description", "Made by pulumi new"], {
      env: { ...env, PULUMI_HOME: join(home, "pulumi-home"), PULUMI_SKIP_UPDATE_CHECK: "true" },
    });
    for (const file of readdirSync(dir)) {
      expect(readFileSync(join(dir, file), "utf8"), file).not.toMatch(/\$\{(PROJECT|DESCRIPTION)\}/);
    }
    const pulumiCommand = await PulumiCommand.get({ root: dirname(binDir), skipVersionCheck: true });
    const settings = async (workDir: string) =>
      (await LocalWorkspace.create({ workDir, pulumiCommand })).projectSettings();
    expect(await settings(dir)).toMatchObject({ name: "vcda-from-template", description: "Made by pulumi new" });
    const prompts = (await settings(source)).template?.config ?? {};
    expect(Object.keys(prompts).sort()).toEqual(["vcda:endpoint", "vcda:password"]);
    expect(prompts["vcda:password"]?.secret).toBe(true);

    pointAtTarball(dir, packed.file);
    await installer.install(dir);
    // The prompts' answers, secret where the template says so, and the CA of this emulator (it serves HTTPS).
    const answers: Record<string, string> = { "vcda:endpoint": emulator.url, "vcda:password": "password" };
    const config: ConfigMap = { "vcda:caCert": { value: emulator.caPem } };
    for (const [key, prompt] of Object.entries(prompts)) {
      config[key] = { value: answers[key] ?? "", secret: prompt.secret === true };
    }
    const t = await stackOf(dir, config, true);
    const preview = await t.stack.preview();
    expect(preview.changeSummary.create).toBe(5); // stack + policy + assignment + 2 replications
  }, 180_000);
});
