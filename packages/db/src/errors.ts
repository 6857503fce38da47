import { Prisma } from "./generated/prisma/client.ts";

/** A unique-key clash, whether Prisma's own query (P2002) or a raw statement (SQLSTATE 23505) hit it. */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  if (error.code === "P2002") return true;
  const cause = (error.meta as { driverAdapterError?: { cause?: { kind?: string; originalCode?: string } } } | undefined)?.driverAdapterError?.cause;
  return cause?.kind === "UniqueConstraintViolation" || cause?.originalCode === "23505";
}

const UNREACHABLE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "P1001", "P1017", "P2024"]);
/**
 * SQLSTATEs of a server that is going away, starting, or full: class 08 (connection exceptions),
 * 57P01-57P03 (shut down by an administrator, crashed, cannot connect now), 53300 (too many
 * connections).
 */
const UNREACHABLE_SQLSTATE = /^(08[0-9A-Z]{3}|57P0[123]|53300)$/;
const UNREACHABLE_TEXT =
  /connection terminated|timeout exceeded when trying to connect|connection error and is not queryable|server closed the connection|connection refused|can't reach database|DatabaseNotReachable|the database system is (shutting down|starting up|in recovery mode|not yet accepting connections)|terminating connection due to administrator command|too many clients already/i;

/**
 * Whether `error` says the database server cannot be reached right now (refused, reset, timed
 * out, stopping, starting, full): a temporary condition, not a bug. Walks `cause` chains and
 * reads `originalCode`, as Prisma's driver adapter wraps pg's errors. `alsoCodes` adds codes
 * that count for one caller (a standby's replay conflict, for reads retried on the primary).
 */
export function isDatabaseUnreachable(error: unknown, alsoCodes: readonly string[] = []): boolean {
  for (let e = error, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, originalCode, message } = e as { code?: unknown; originalCode?: unknown; message?: unknown };
    for (const c of [code, originalCode]) {
      if (typeof c === "string" && (UNREACHABLE_CODES.has(c) || UNREACHABLE_SQLSTATE.test(c) || alsoCodes.includes(c))) return true;
    }
    if (typeof message === "string" && UNREACHABLE_TEXT.test(message)) return true;
  }
  return false;
}
