import { randomBytes } from "node:crypto";
import { test as base, expect, type APIRequestContext } from "@playwright/test";

/** Builds descriptors with names unique to the test run, so tests never collide. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString("hex")}`;
}

export interface CatalogApi {
  createComponent(fields: { name: string; title?: string; description?: string; owner?: string; lifecycle?: string }): Promise<void>;
}

/** `api`: the real API, authenticated with the admin token; the only way tests put data in. */
export const test = base.extend<{ api: CatalogApi; apiRequest: APIRequestContext }>({
  apiRequest: async ({ playwright }, use) => {
    const context = await playwright.request.newContext({
      baseURL: process.env.E2E_API_URL,
      extraHTTPHeaders: { Authorization: `Bearer ${process.env.E2E_ADMIN_TOKEN}` },
    });
    await use(context);
    await context.dispose();
  },
  api: async ({ apiRequest }, use) => {
    await use({
      async createComponent({ name, title, description, owner = "group:team-e2e", lifecycle = "production" }) {
        const res = await apiRequest.post("/api/v1/entities", {
          data: {
            apiVersion: "backstage.io/v1alpha1",
            kind: "Component",
            metadata: { name, ...(title ? { title } : {}), ...(description ? { description } : {}) },
            spec: { type: "service", lifecycle, owner },
          },
        });
        expect(res.status(), await res.text()).toBe(201);
      },
    });
  },
});

export { expect };
