#!/usr/bin/env node
// `npm run db:migrate` and `npm run db:seed`: run against DATABASE_URL, or the embedded
// PostgreSQL in .data/ (started for the command and stopped after). Extra arguments pass through,
// e.g. `npm run db:migrate -- --rolled-back 20261125220000_init`.
import { ensureDependencies, resolveDatabase, runDbCli } from "./lib.mjs";

const [command, ...args] = process.argv.slice(2);
ensureDependencies();
const database = await resolveDatabase();
let status = 1;
try {
  status = runDbCli([command, ...args], database.url);
} finally {
  await database.stop();
}
process.exit(status);
