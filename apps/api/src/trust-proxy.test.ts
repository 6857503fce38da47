import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { createApp } from "./app.ts";
import type { Db } from "@cartograph/db";

// Only the load balancers and web replicas in front of the API may say who the client is.
const trusts = (trustProxy?: string[]) => {
  const app = createApp({ config: { CARTOGRAPH_ADMIN_TOKEN: undefined, TRUST_PROXY: trustProxy }, db: {} as Db, logger: pino({ level: "silent" }), migrationFiles: [] });
  return app.get("trust proxy fn") as (address: string, hop: number) => boolean;
};

describe("TRUST_PROXY", () => {
  it("believes only loopback proxies by default (one machine)", () => {
    const fn = trusts();
    expect(fn("127.0.0.1", 0)).toBe(true);
    expect(fn("10.0.3.4", 0)).toBe(false);
  });

  it("believes the configured private networks, and still nobody else", () => {
    const fn = trusts(["uniquelocal"]);
    expect(fn("10.0.3.4", 0)).toBe(true);
    expect(fn("192.168.9.1", 0)).toBe(true);
    expect(fn("203.0.113.9", 0)).toBe(false);
    expect(fn("127.0.0.1", 0)).toBe(false);
  });
});
