import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "./env.ts";

const valid = { DATABASE_URL: "postgresql://u:p@127.0.0.1:5432/cartograph" };

function problems(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("parseConfig", () => {
  it("applies defaults", () => {
    const config = parseConfig(valid);
    expect(config).toMatchObject({ PORT: 4000, HOST: "127.0.0.1", LOG_LEVEL: "info" });
    expect(config.CARTOGRAPH_ADMIN_TOKEN).toBeUndefined();
  });

  it.each([
    [{}, "Invalid configuration: DATABASE_URL is required and must be a postgresql:// URL"],
    [{ DATABASE_URL: "mysql://x" }, "Invalid configuration: DATABASE_URL must be a postgresql:// URL"],
    [{ ...valid, PORT: "eighty" }, "Invalid configuration: PORT must be a port number"],
    [{ ...valid, PORT: "70000" }, "Invalid configuration: PORT must be between 0 and 65535"],
    [{ ...valid, CARTOGRAPH_ADMIN_TOKEN: "short" }, "Invalid configuration: CARTOGRAPH_ADMIN_TOKEN must be at least 16 characters"],
    [{ ...valid, LOG_LEVEL: "loud" }, "Invalid configuration: LOG_LEVEL must be one of"],
    [{ ...valid, DATABASE_REPLICA_URLS: "postgresql://u:p@10.0.0.2/c,mysql://u:secret@x" }, "Invalid configuration: DATABASE_REPLICA_URLS must be comma-separated postgresql:// URLs (entry 2 is not one)"],
    [{ ...valid, DB_REPLICA_POOL_MAX: "0" }, "Invalid configuration: DB_REPLICA_POOL_MAX must be at least 1"],
    [{ ...valid, TRUST_PROXY: "loopback,everyone" }, 'Invalid configuration: TRUST_PROXY must be comma-separated loopback, linklocal, uniquelocal, IP addresses or CIDRs such as 10.0.0.0/8 ("everyone" is none of these)'],
    [{ ...valid, TRUST_PROXY: "10.0.0.0/33" }, '("10.0.0.0/33" is none of these)'],
    [{ ...valid, TRUST_PROXY: " , " }, "Invalid configuration: TRUST_PROXY must be comma-separated"],
    [{ ...valid, SHUTDOWN_DELAY_MS: "60001" }, "Invalid configuration: SHUTDOWN_DELAY_MS must be between 0 and 60000"],
    [{ ...valid, SHUTDOWN_DELAY_MS: "soon" }, "Invalid configuration: SHUTDOWN_DELAY_MS must be a number of milliseconds"],
    [{ ...valid, METRICS_TOKEN: "short" }, "Invalid configuration: METRICS_TOKEN must be at least 16 characters"],
  ])("names the variable and the rule: %j", (env, expected) => {
    const lines = problems(env as Record<string, string>);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(expected);
  });

  it("trusts X-Forwarded-For from loopback proxies only, unless TRUST_PROXY names more", () => {
    expect(parseConfig(valid).TRUST_PROXY).toEqual(["loopback"]);
    expect(parseConfig({ ...valid, TRUST_PROXY: "loopback, uniquelocal, 10.1.0.0/16, 192.168.1.7, fd00::/8" }).TRUST_PROXY).toEqual([
      "loopback",
      "uniquelocal",
      "10.1.0.0/16",
      "192.168.1.7",
      "fd00::/8",
    ]);
  });

  it("reads the shutdown and metrics settings", () => {
    expect(parseConfig(valid)).toMatchObject({ SHUTDOWN_DELAY_MS: 0, SHUTDOWN_TIMEOUT_MS: 10_000 });
    expect(parseConfig(valid).METRICS_TOKEN).toBeUndefined();
    expect(parseConfig({ ...valid, SHUTDOWN_DELAY_MS: "5000", METRICS_TOKEN: "m".repeat(16) })).toMatchObject({ SHUTDOWN_DELAY_MS: 5000, METRICS_TOKEN: "m".repeat(16) });
  });

  it("reports every bad variable, one line each", () => {
    expect(problems({ PORT: "x", LOG_LEVEL: "y" })).toHaveLength(3);
  });

  describe("DATABASE_REPLICA_URLS", () => {
    it("means no replicas when unset or empty", () => {
      expect(parseConfig(valid).DATABASE_REPLICA_URLS).toEqual([]);
      expect(parseConfig({ ...valid, DATABASE_REPLICA_URLS: "" }).DATABASE_REPLICA_URLS).toEqual([]);
      expect(parseConfig({ ...valid, DATABASE_REPLICA_URLS: " , " }).DATABASE_REPLICA_URLS).toEqual([]);
    });

    it("splits on commas and trims each URL", () => {
      const config = parseConfig({ ...valid, DATABASE_REPLICA_URLS: " postgresql://u:p@10.0.0.2:5432/c , postgres://u:p@10.0.0.3/c," });
      expect(config.DATABASE_REPLICA_URLS).toEqual(["postgresql://u:p@10.0.0.2:5432/c", "postgres://u:p@10.0.0.3/c"]);
    });

    it("never repeats a bad URL (it may hold a password)", () => {
      const lines = problems({ ...valid, DATABASE_REPLICA_URLS: "http://u:hunter2@x" });
      expect(lines).toEqual(["Invalid configuration: DATABASE_REPLICA_URLS must be comma-separated postgresql:// URLs (entry 1 is not one)"]);
    });

    it("leaves the replica pool size to DB_POOL_MAX unless set", () => {
      expect(parseConfig(valid).DB_REPLICA_POOL_MAX).toBeUndefined();
      expect(parseConfig({ ...valid, DB_REPLICA_POOL_MAX: "4" }).DB_REPLICA_POOL_MAX).toBe(4);
    });
  });

  it("treats an empty variable as unset", () => {
    const config = parseConfig({ ...valid, CARTOGRAPH_ADMIN_TOKEN: "", PORT: "" });
    expect(config.PORT).toBe(4000);
    expect(config.CARTOGRAPH_ADMIN_TOKEN).toBeUndefined();
  });
});
