import { readFile } from "node:fs/promises";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, demoCatalogFiles, seedDemoAccounts } from "@cartograph/db";
import request from "supertest";
import { describe, expect, it } from "vitest";
import { useTestApp } from "../../test-support.ts";
import { hashPassword } from "./password.ts";
import { passwordProblems } from "./password-policy.ts";
import { adminAuth, auditRows, bearer, signIn } from "./test-helpers.ts";

const t = useTestApp({ anonymousRead: false });

describe("the demo accounts", () => {
  it("are created once, sign in with the demo password, and the editor is a member of a team in the demo catalog", async () => {
    for (const account of DEMO_ACCOUNTS) expect(passwordProblems(DEMO_PASSWORD, { email: account.email })).toEqual([]);
    const org = demoCatalogFiles().find((f) => f.source === "demo/org.yaml")!;
    const ingest = await request(t.app).post(`/api/v1/ingest?source=${org.source}`).set(adminAuth).type("application/yaml").send(await readFile(org.path, "utf8"));
    expect(ingest.status).toBe(200);

    const hash = await hashPassword(DEMO_PASSWORD);
    expect(await seedDemoAccounts(t.db, hash)).toEqual(DEMO_ACCOUNTS.map((a) => a.email));
    expect(await seedDemoAccounts(t.db, hash)).toEqual([]);
    expect((await auditRows(t, "user.created")).map((r) => r.actor)).toEqual(["system", "system", "system"]);

    for (const account of DEMO_ACCOUNTS) {
      const res = await signIn(t, account.email, DEMO_PASSWORD);
      expect(res.status).toBe(201);
      expect(res.body.account.role).toBe(account.role);
      if (account.role === "editor") {
        const me = await request(t.app).get("/api/v1/auth/me").set(bearer(res.body.token));
        expect(me.body).toMatchObject({ userRef: "user:default/bruno.okafor", groups: expect.arrayContaining(["group:default/team-checkout"]) });
      }
    }
  });
});
