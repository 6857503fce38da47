import { describe, expect, it } from "vitest";
import { ConfigError, EnvSchema, parseEnv } from "./env";

const valid = { API_URL: "http://127.0.0.1:4000" };

function problems(env: Record<string, string>): string[] {
  try {
    parseEnv(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message.split("\n");
    throw error;
  }
  return [];
}

describe("parseEnv", () => {
  it("applies the defaults", () => {
    expect(parseEnv(valid)).toEqual({
      API_URL: "http://127.0.0.1:4000",
      ANONYMOUS_READ: false,
      PORT: 3000,
      HOST: "127.0.0.1",
      LOG_LEVEL: "info",
      SHUTDOWN_DELAY_MS: 0,
      SHUTDOWN_TIMEOUT_MS: 10_000,
      RESPONSE_HOLD_MS: 2_500,
    });
  });

  it("reads every setting", () => {
    const env = { ...valid, ANONYMOUS_READ: "true", PORT: "8080", HOST: "0.0.0.0", LOG_LEVEL: "warn", SHUTDOWN_DELAY_MS: "5000", SHUTDOWN_TIMEOUT_MS: "30000", METRICS_TOKEN: "m".repeat(16) };
    expect(parseEnv(env)).toMatchObject({ ANONYMOUS_READ: true, PORT: 8080, HOST: "0.0.0.0", LOG_LEVEL: "warn", SHUTDOWN_DELAY_MS: 5000, SHUTDOWN_TIMEOUT_MS: 30_000, METRICS_TOKEN: "m".repeat(16) });
  });

  it("treats an empty variable as unset, but not an empty API_URL", () => {
    expect(parseEnv({ ...valid, PORT: "", SHUTDOWN_DELAY_MS: "", METRICS_TOKEN: "" })).toMatchObject({ PORT: 3000, SHUTDOWN_DELAY_MS: 0 });
    expect(problems({ API_URL: "" })).toEqual(["Invalid configuration: API_URL is empty; set it to the API's http(s) base URL, such as http://127.0.0.1:4000"]);
  });

  it.each([
    [{}, "Invalid configuration: API_URL is missing"],
    [{ API_URL: "ftp://x" }, "Invalid configuration: API_URL must be an http(s) URL"],
    [{ ...valid, ANONYMOUS_READ: "yes" }, "Invalid configuration: ANONYMOUS_READ must be true or false"],
    [{ ...valid, PORT: "eighty" }, "Invalid configuration: PORT must be a port number"],
    [{ ...valid, PORT: "70000" }, "Invalid configuration: PORT must be between 0 and 65535"],
    [{ ...valid, LOG_LEVEL: "loud" }, "Invalid configuration: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent"],
    [{ ...valid, SHUTDOWN_DELAY_MS: "60001" }, "Invalid configuration: SHUTDOWN_DELAY_MS must be between 0 and 60000"],
    [{ ...valid, SHUTDOWN_DELAY_MS: "-1" }, "Invalid configuration: SHUTDOWN_DELAY_MS must be between 0 and 60000"],
    [{ ...valid, SHUTDOWN_TIMEOUT_MS: "soon" }, "Invalid configuration: SHUTDOWN_TIMEOUT_MS must be a number of milliseconds"],
    [{ ...valid, SHUTDOWN_TIMEOUT_MS: "1.5" }, "Invalid configuration: SHUTDOWN_TIMEOUT_MS must be a whole number of milliseconds"],
    [{ ...valid, METRICS_TOKEN: "short" }, "Invalid configuration: METRICS_TOKEN must be at least 16 characters"],
  ])("names the variable and the rule: %j", (env, expected) => {
    const lines = problems(env as Record<string, string>);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(expected);
  });

  it("reports every bad variable, one line each, without echoing values", () => {
    const lines = problems({ API_URL: "http://user:secret@127.0.0.1:4000/path", PORT: "x", LOG_LEVEL: "y" });
    expect(lines).toHaveLength(3);
    expect(lines.join("\n")).not.toContain("secret");
  });

  it("exports the keys the deployment files may set", () => {
    expect(Object.keys(EnvSchema.shape).sort()).toEqual(["ANONYMOUS_READ", "API_URL", "HOST", "LOG_LEVEL", "METRICS_TOKEN", "PORT", "RESPONSE_HOLD_MS", "SHUTDOWN_DELAY_MS", "SHUTDOWN_TIMEOUT_MS"]);
  });
});
