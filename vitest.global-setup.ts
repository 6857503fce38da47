import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
// @ts-expect-error plain JavaScript helper shared with the launcher
import { startEmbeddedPostgres } from "./deploy/local/postgres.mjs";

// The provided value's type is declared beside its consumers, in packages/db/src/testing.ts.
/** One PostgreSQL server per run; every test file makes its own database on it. */
export default async function setup(project: TestProject) {
  const given = process.env.TEST_DATABASE_ADMIN_URL;
  if (given) {
    project.provide("pgAdminUrl", given);
    return;
  }
  const dir = mkdtempSync(path.join(tmpdir(), "cartograph-vitest-"));
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, "data") });
  project.provide("pgAdminUrl", pg.adminUrl);
  return async () => {
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
