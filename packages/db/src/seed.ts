import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { insertAccount } from "./accounts.ts";
import type { Db } from "./client.ts";

/**
 * The demo catalog `npm start` loads into an empty database: descriptor files as a company would
 * keep them, each ingested as its own source (`demo/<file>`), through the same path as the API.
 */
export function demoCatalogFiles(): { source: string; path: string }[] {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    for (const candidate of [path.join(dir, "packages", "db", "seed", "demo"), path.join(dir, "seed", "demo")]) {
      if (existsSync(candidate)) {
        return readdirSync(candidate)
          .filter((f) => f.endsWith(".yaml"))
          .sort()
          .map((f) => ({ source: `demo/${f}`, path: path.join(candidate, f) }));
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("cannot find packages/db/seed/demo");
    dir = parent;
  }
}

/**
 * One demo account per role, for trying Cartograph locally: the editor is Bruno Okafor, a User in
 * the demo catalog and a member of team-checkout, so he may edit the components that team owns.
 * The password is public (printed by `npm start`); these accounts exist only in the demo seed.
 */
export const DEMO_ACCOUNTS = [
  { email: "admin@northwind.example", displayName: "Demo Admin", role: "admin" },
  { email: "bruno.okafor@northwind.example", displayName: "Bruno Okafor", role: "editor" },
  { email: "viewer@northwind.example", displayName: "Demo Viewer", role: "viewer" },
] as const;
export const DEMO_PASSWORD = "northwind-demo-2026";

/**
 * Creates the demo accounts that do not exist yet, each audited as created by `system`.
 * `passwordHash` is DEMO_PASSWORD hashed by the API's password hashing (the data tier stores
 * hashes, it does not make them). Returns the emails created.
 */
export async function seedDemoAccounts(db: Db, passwordHash: string): Promise<string[]> {
  const created: string[] = [];
  for (const account of DEMO_ACCOUNTS) {
    const inserted = await insertAccount(db, { ...account, passwordHash }, (a) => [
      { actor: "system", actorLabel: "demo seed", action: "user.created", target: `account:${a.id}`, outcome: "success", details: { email: a.email, role: a.role } },
    ]);
    if (inserted) created.push(inserted.email);
  }
  return created;
}
