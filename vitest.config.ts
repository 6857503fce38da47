import { defineConfig } from "vitest/config";

// Two projects: fast unit tests, and integration tests against a real PostgreSQL that
// vitest.global-setup.ts provides (a throwaway server, or TEST_DATABASE_ADMIN_URL's).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["{apps,packages}/*/src/**/*.test.ts", "{apps,packages}/*/*.test.ts", "deploy/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "**/node_modules/**", "**/.next/**"],
          environment: "node",
        },
      },
      {
        test: {
          name: "integration",
          include: ["{apps,packages}/*/src/**/*.int.test.ts"],
          exclude: ["**/node_modules/**"],
          environment: "node",
          globalSetup: ["./vitest.global-setup.ts"],
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
    ],
  },
});
