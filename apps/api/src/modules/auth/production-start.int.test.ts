import { createDb, DEMO_ACCOUNTS, type Db } from "@cartograph/db";
import { createTestDatabase, type TestDatabase } from "@cartograph/db/testing";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { startApiProcess, type ApiProcess } from "../../test-support.ts";

// "Demo accounts exist only in the demo seed, never in a production start": the real server
// process, started as production on an empty (migrated) database with the first admin configured.
const ADMIN_EMAIL = "first.admin@example.com";
const ADMIN_PASSWORD = "a long enough passphrase 42";

let database: TestDatabase;
let db: Db;
let api: ApiProcess | undefined;

beforeAll(async () => {
  database = await createTestDatabase(inject("pgAdminUrl"));
  db = createDb({ connectionString: database.url, poolMax: 2 });
  api = await startApiProcess({ DATABASE_URL: database.url, NODE_ENV: "production", CARTOGRAPH_ADMIN_EMAIL: ADMIN_EMAIL, CARTOGRAPH_ADMIN_PASSWORD: ADMIN_PASSWORD });
}, 30_000);

afterAll(async () => {
  await api?.stop();
  await db?.close();
  await database?.drop();
});

describe("a production start of the API server", () => {
  it("creates exactly the configured first admin and none of the demo accounts", async () => {
    // The first admin is made in the background after the server starts listening.
    for (let i = 0; i < 100 && (await db.prisma.account.count({ where: { email: ADMIN_EMAIL } })) === 0; i++) await new Promise((r) => setTimeout(r, 100));

    // That admin signs in, on that process, with the configured password.
    const signIn = await fetch(`${api!.url}/api/v1/auth/sign-in`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
    });
    expect(signIn.status).toBe(201);
    expect(((await signIn.json()) as { account: { role: string } }).account.role).toBe("admin");

    // And it is the only account: not one of the demo accounts.
    const accounts = await db.prisma.account.findMany({ select: { email: true, role: true, disabled: true } });
    expect(accounts).toEqual([{ email: ADMIN_EMAIL, role: "admin", disabled: false }]);
    const demoEmails = DEMO_ACCOUNTS.map((a) => a.email);
    expect(await db.prisma.account.count({ where: { email: { in: demoEmails } } })).toBe(0);
  });
});
