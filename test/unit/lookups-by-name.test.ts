import { describe, expect, it } from "vitest";
import { pickByName } from "../../provider/lookups/inventory";

const vdcs = [
  { id: "a", name: "Gold", org: "org1" },
  { id: "b", name: "Gold", org: "org2" },
  { id: "c", name: "Silver", org: "org2" },
];
const pick = (name: string) =>
  pickByName(
    vdcs,
    name,
    (v) => v.name,
    "vDC",
    'on site "site2"',
    (v) => `${v.id} (org ${v.org})`,
    "Pass `org` to choose.",
  );

describe("lookups by name", () => {
  it("returns the one item with exactly that name", () => {
    expect(pick("Silver").id).toBe("c");
  });

  it("names what was looked for and what exists when nothing matches (exact, case-sensitive)", () => {
    expect(() => pick("silver")).toThrow(
      'No vDC named "silver" on site "site2" (names are exact and case-sensitive); vDCs there: Gold, Gold, Silver',
    );
  });

  it("names every match and how to narrow the search when the name is ambiguous", () => {
    expect(() => pick("Gold")).toThrow(
      '2 vDCs are named "Gold" on site "site2": a (org org1); b (org org2). Pass `org` to choose.',
    );
  });
});
