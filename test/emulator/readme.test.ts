import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { API_VERSIONS, ROWS } from "../../emulator/model/profiles.js";

const README = readFileSync(join(__dirname, "../../emulator/README.md"), "utf8");
/** Table lines as trimmed cells (the formatter pads them). */
const rows = README.split("\n")
  .filter((l) => l.startsWith("|"))
  .map((l) =>
    l
      .split("|")
      .slice(1, -1)
      .map((c) => c.trim()),
  );

describe("emulator/README.md stays true to the profile table", () => {
  it.each(ROWS.map((r) => [r.id, r] as const))("lists row %s with its version and source", (id, row) => {
    const cells = rows.find((r) => r[0] === `\`${id}\``);
    expect(cells, `README has no table line for row ${id}`).toBeDefined();
    expect(cells?.[1], `since of ${id}`).toBe(row.since);
    expect(cells?.[3]).toBe(row.source);
  });

  it("lists no row the table lacks, and the rows are well formed", () => {
    const listed = rows
      .filter((r) => /^`[a-z0-9.-]+`$/.test(r[0] ?? "") && /^\d\.\d$/.test(r[1] ?? ""))
      .map((r) => r[0]?.slice(1, -1));
    expect(listed.sort()).toEqual(ROWS.map((r) => r.id).sort());
    expect(new Set(ROWS.map((r) => r.id)).size).toBe(ROWS.length);
    for (const r of ROWS) {
      expect(API_VERSIONS).toContain(r.since);
      expect(r.source).toMatch(/^https:\/\/[a-z.-]+\.broadcom\.com\//);
      expect(r.since).not.toBe("4.1"); // 4.1 is the base
    }
  });

  it("names every option and flag of the profiles", () => {
    for (const s of [
      "`apiVersion`",
      "--api-version",
      "`statusOmitsIdleOrgs`",
      "--status-omits-idle-orgs",
      "vcdCookies",
    ])
      expect(README).toContain(s);
  });
});
