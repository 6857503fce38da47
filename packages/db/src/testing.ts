import { randomBytes } from "node:crypto";
import pg from "pg";
import { applyMigrations } from "./migrate.ts";

// The admin URL of the test PostgreSQL server, provided by the root vitest.global-setup.ts.
declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

/**
 * Refuses anything but a server on this machine: tests create and drop databases, and must never
 * do that to a shared or production server by accident.
 */
export function assertLocalDatabase(url: string): void {
  const host = new URL(url).hostname;
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host)) {
    throw new Error(`refusing to run tests against non-local database host "${host}"`);
  }
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/**
 * Creates a throwaway database on the test server (`adminUrl` points at any database there),
 * optionally with every migration applied. Drop it when done.
 */
export async function createTestDatabase(adminUrl: string, options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  assertLocalDatabase(adminUrl);
  const name = `cg_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(adminUrl, name);
  if (options.migrate !== false) await applyMigrations({ connectionString: url });
  return {
    url,
    name,
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
