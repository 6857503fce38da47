import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "./problem.ts";

const pgError = (code: string, message: string) => Object.assign(new Error(message), { code, severity: "FATAL" });

describe("isDatabaseUnavailable", () => {
  it("recognises a PostgreSQL that is stopping, starting, restarting or full (a 503, not a 500)", () => {
    expect(isDatabaseUnavailable(pgError("57P03", "the database system is shutting down"))).toBe(true);
    expect(isDatabaseUnavailable(pgError("57P01", "terminating connection due to administrator command"))).toBe(true);
    expect(isDatabaseUnavailable(pgError("57P02", "terminating connection because of crash of another server process"))).toBe(true);
    expect(isDatabaseUnavailable(pgError("08006", "connection failure"))).toBe(true);
    expect(isDatabaseUnavailable(pgError("53300", "sorry, too many clients already"))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }))).toBe(true);
    expect(isDatabaseUnavailable(new Error("Connection terminated unexpectedly"))).toBe(true);
  });

  it("looks through wrapping errors (Prisma's adapter keeps the driver's error as the cause)", () => {
    const wrapped = new Error("Invalid `prisma.entity.findMany()` invocation", { cause: pgError("57P03", "the database system is starting up") });
    expect(isDatabaseUnavailable(wrapped)).toBe(true);
  });

  it("leaves real failures alone: they stay 500s that someone must look at", () => {
    expect(isDatabaseUnavailable(pgError("23505", "duplicate key value violates unique constraint"))).toBe(false);
    expect(isDatabaseUnavailable(pgError("42P01", 'relation "entities" does not exist'))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("Cannot read properties of undefined"))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });
});
