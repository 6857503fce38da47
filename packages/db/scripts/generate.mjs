// Runs `prisma generate` offline. The CLI insists that a schema engine binary exists even though
// generate never runs it, and its own download is impossible here, so point it at a file that
// always exists: the node binary. The prisma-client generator needs no engine at run time.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import path from "node:path";

const pkgDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
env.PRISMA_QUERY_ENGINE_LIBRARY ??= process.execPath;
const bin = path.join(pkgDir, "node_modules", ".bin", "prisma");
const fallback = path.join(pkgDir, "..", "..", "node_modules", ".bin", "prisma");
const { existsSync } = await import("node:fs");
const result = spawnSync(existsSync(bin) ? bin : fallback, ["generate"], { cwd: pkgDir, env, stdio: "inherit" });
process.exit(result.status ?? 1);
