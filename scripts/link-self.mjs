// Installs a copy of this package as node_modules/pulumi-vcda, so the demo, the examples and the real-engine
// tests import it by name as a user's program would. A copy, not a symlink: Pulumi's closure serializer writes
// `require("pulumi-vcda/dynamic/...")` into the state only for modules whose real path is inside node_modules.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const target = join(root, "node_modules", "pulumi-vcda");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));

rmSync(target, { recursive: true, force: true });
mkdirSync(target, { recursive: true });
for (const entry of pkg.files) {
  const from = join(root, entry);
  if (existsSync(from)) cpSync(from, join(target, entry), { recursive: true });
}
// Dev-only fields mean nothing inside node_modules; keep what Node's resolver and the serializer read.
const { scripts, devDependencies, overrides, allowScripts, ...published } = pkg;
writeFileSync(join(target, "package.json"), `${JSON.stringify(published, null, 2)}\n`);
