import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_ARGS, findChromium } from "./chromium.ts";

// The three real tiers: the test pipeline (.ci/test.mjs) builds web and API, prepares a throwaway
// database (migrated and seeded) and passes its URL; Playwright starts and stops the servers.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const env = (name: string, fallback?: string) => {
  const value = process.env[name] ?? fallback;
  if (value === undefined) throw new Error(`${name} is required to run e2e; run the suite with \`npm test\``);
  return value;
};

export const E2E = {
  apiPort: Number(env("E2E_API_PORT", "4310")),
  webPort: Number(env("E2E_WEB_PORT", "3310")),
  /** A second web replica whose API address answers nothing: the "API is down" case. */
  webApiDownPort: Number(env("E2E_WEB_API_DOWN_PORT", "3311")),
  deadApiPort: Number(env("E2E_DEAD_API_PORT", "4319")),
  adminToken: env("E2E_ADMIN_TOKEN", "e2e-admin-token-0123456789"),
};
process.env.E2E_API_URL = `http://127.0.0.1:${E2E.apiPort}`;
process.env.E2E_ADMIN_TOKEN = E2E.adminToken;

// The web tier's production server (apps/web/server.ts, built by `npm run build -w @cartograph/web`).
const webServer = (port: number, apiUrl: string) => ({
  command: "node dist/server.js",
  cwd: path.join(root, "apps", "web"),
  // The API-down replica answers 5xx everywhere, so readiness there means "accepts connections".
  ...(apiUrl.endsWith(`:${E2E.deadApiPort}`) ? { port } : { url: `http://127.0.0.1:${port}/healthz` }),
  // Like the API: the catalog is behind sign-in, so every spec signs in (see fixtures.ts).
  env: { API_URL: apiUrl, ANONYMOUS_READ: "false", PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "warn", NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
  reuseExistingServer: false,
  timeout: 60_000,
  stdout: "ignore" as const,
  stderr: (apiUrl.endsWith(`:${E2E.deadApiPort}`) ? "ignore" : "pipe") as "ignore" | "pipe",
  gracefulShutdown: { signal: "SIGTERM" as const, timeout: 5_000 },
});

const chrome = { ...devices["Desktop Chrome"], launchOptions: { executablePath: findChromium(), args: CHROMIUM_ARGS } };

export default defineConfig({
  testDir: "./tests",
  outputDir: "./test-results",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: true,
  timeout: 30_000,
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }], ["json", { outputFile: "test-results/results.json" }]],
  use: {
    baseURL: `http://127.0.0.1:${E2E.webPort}`,
    screenshot: "on",
    trace: "retain-on-failure",
    launchOptions: { executablePath: findChromium(), args: CHROMIUM_ARGS },
  },
  projects: [
    // Signs in once per demo role through the sign-in page and keeps each session for the specs.
    { name: "sessions", testMatch: /\.setup\.ts$/, use: chrome },
    { name: "chromium", dependencies: ["sessions"], use: chrome },
  ],
  webServer: [
    {
      command: "node dist/server.js",
      cwd: path.join(root, "apps", "api"),
      url: `http://127.0.0.1:${E2E.apiPort}/readyz`,
      env: {
        PORT: String(E2E.apiPort),
        HOST: "127.0.0.1",
        DATABASE_URL: env("E2E_DATABASE_URL"),
        CARTOGRAPH_ADMIN_TOKEN: E2E.adminToken,
        ANONYMOUS_READ: "false",
        LOG_LEVEL: "warn",
        NODE_ENV: "production",
      },
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "ignore",
      stderr: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    },
    webServer(E2E.webPort, `http://127.0.0.1:${E2E.apiPort}`),
    webServer(E2E.webApiDownPort, `http://127.0.0.1:${E2E.deadApiPort}`),
  ],
});
