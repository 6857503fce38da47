import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, demoCatalogFiles } from "./seed.ts";

describe("demo accounts", () => {
  it("are what `npm start` prints", () => {
    const start = readFileSync(new URL("../../../deploy/local/start.mjs", import.meta.url), "utf8");
    for (const account of DEMO_ACCOUNTS) expect(start).toContain(`${account.email} (${account.role})`);
    expect(start).toContain(DEMO_PASSWORD);
  });

  it("have one account per role, the editor being a User of the demo catalog", () => {
    expect(DEMO_ACCOUNTS.map((a) => a.role).sort()).toEqual(["admin", "editor", "viewer"]);
    const editor = DEMO_ACCOUNTS.find((a) => a.role === "editor")!;
    const org = demoCatalogFiles().find((f) => f.source === "demo/org.yaml")!;
    expect(readFileSync(org.path, "utf8")).toContain(`email: ${editor.email}`);
  });
});
