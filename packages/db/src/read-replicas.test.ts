import { describe, expect, it } from "vitest";
import { isReplicaFailure, parseLsn } from "./read-replicas.ts";

describe("parseLsn", () => {
  it.each([
    ["0/0", 0n],
    ["0/1B99E70", 0x1b99e70n],
    ["16/B374D848", (0x16n << 32n) | 0xb374d848n],
    ["FFFFFFFF/FFFFFFFF", 2n ** 64n - 1n],
  ])("reads %s", (lsn, expected) => {
    expect(parseLsn(lsn)).toBe(expected);
  });

  it("orders as PostgreSQL does, not as text does", () => {
    expect(parseLsn("0/A0000000") > parseLsn("0/9FFFFFFF")).toBe(true);
    expect(parseLsn("1/0") > parseLsn("0/FFFFFFFF")).toBe(true);
  });

  it.each(["", "0", "x/1", "0/123456789", "1/2/3"])("refuses %j", (text) => {
    expect(() => parseLsn(text)).toThrow(/not a pg_lsn/);
  });
});

describe("isReplicaFailure", () => {
  const withCode = (code: string) => Object.assign(new Error("failed"), { code });
  it.each([
    ["refused connection", withCode("ECONNREFUSED")],
    ["connection reset", withCode("ECONNRESET")],
    ["admin shutdown (57P01)", withCode("57P01")],
    ["cannot connect now (57P03)", withCode("57P03")],
    ["connection exception class 08", withCode("08006")],
    ["recovery conflict (40001)", withCode("40001")],
    ["pg's terminated connection", new Error("Connection terminated unexpectedly")],
    ["pool connect timeout", new Error("timeout exceeded when trying to connect")],
    ["wrapped by Prisma's adapter", new Error("driver error", { cause: { kind: "postgres", originalCode: "57P01" } })],
  ])("retries on the primary after a %s", (_, error) => {
    expect(isReplicaFailure(error)).toBe(true);
  });

  it.each([
    ["syntax error", withCode("42601")],
    ["unique violation", withCode("23505")],
    ["plain error", new Error("boom")],
    ["not an error", "boom"],
    ["nothing", undefined],
  ])("lets a %s through", (_, error) => {
    expect(isReplicaFailure(error)).toBe(false);
  });
});
