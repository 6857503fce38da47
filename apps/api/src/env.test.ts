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
    [{ ...valid, SHUTDOWN_DELAY_MS: "60001" }, "Invalid configuration: SHUTDOWN_DELAY_MS must be between 0 and 60000"],
    [{ ...valid, SHUTDOWN_DELAY_MS: "soon" }, "Invalid configuration: SHUTDOWN_DELAY_MS must be a number of milliseconds"],
    [{ ...valid, METRICS_TOKEN: "short" }, "Invalid configuration: METRICS_TOKEN must be at least 16 characters"],
  ])("names the variable and the rule: %j", (env, expected) => {
    const lines = problems(env as Record<string, string>);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(expected);
  });

  it("reads the shutdown and metrics settings", () => {
    expect(parseConfig(valid)).toMatchObject({ SHUTDOWN_DELAY_MS: 0, SHUTDOWN_TIMEOUT_MS: 10_000 });
    expect(parseConfig(valid).METRICS_TOKEN).toBeUndefined();
    expect(parseConfig({ ...valid, SHUTDOWN_DELAY_MS: "5000", METRICS_TOKEN: "m".repeat(16) })).toMatchObject({ SHUTDOWN_DELAY_MS: 5000, METRICS_TOKEN: "m".repeat(16) });
  });

  it("reports every bad variable, one line each", () => {
    expect(problems({ PORT: "x", LOG_LEVEL: "y" })).toHaveLength(3);
  });

  it("treats an empty variable as unset", () => {
    const config = parseConfig({ ...valid, CARTOGRAPH_ADMIN_TOKEN: "", PORT: "" });
    expect(config.PORT).toBe(4000);
    expect(config.CARTOGRAPH_ADMIN_TOKEN).toBeUndefined();
  });
});
