import { defineConfig } from "prisma/config";

// Used by the Prisma CLI (generate) only. Cartograph applies migrations with its own applier
// (src/migrate.ts), which records them exactly as `prisma migrate deploy` does.
export default defineConfig({
  schema: "../../prisma/schema.prisma",
  migrations: { path: "../../prisma/migrations" },
});
