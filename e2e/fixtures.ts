import { randomBytes } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { test as base, expect, type APIRequestContext, type Page } from "@playwright/test";

/** Builds descriptors with names unique to the test run, so tests never collide. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString("hex")}`;
}

// ---- the demo accounts (created by the demo seed); override with E2E_* variables ----

export type DemoRole = "admin" | "editor" | "viewer";

export interface DemoAccount {
  email: string;
  password: string;
  displayName: string;
  role: DemoRole;
}

const demoPassword = process.env.E2E_DEMO_PASSWORD ?? "northwind-demo-2026";
const account = (role: DemoRole, email: string, displayName: string): DemoAccount => {
  const prefix = `E2E_${role.toUpperCase()}`;
  return {
    role,
    email: process.env[`${prefix}_EMAIL`] ?? email,
    displayName: process.env[`${prefix}_NAME`] ?? displayName,
    password: process.env[`${prefix}_PASSWORD`] ?? demoPassword,
  };
};

/** The one place the suite names the demo accounts. The editor, Bruno Okafor, is a member of team-checkout. */
export const DEMO_ACCOUNTS: Readonly<Record<DemoRole, DemoAccount>> = Object.freeze({
  admin: account("admin", "admin@northwind.example", "Demo Admin"),
  editor: account("editor", "bruno.okafor@northwind.example", "Bruno Okafor"),
  viewer: account("viewer", "viewer@northwind.example", "Demo Viewer"),
});

const e2eRoot = path.dirname(fileURLToPath(import.meta.url));
/** Where the `sessions` project keeps each role's signed-in browser state (cookies). */
export const sessionFile = (role: DemoRole) => path.join(e2eRoot, "test-results", ".auth", `${role}.json`);

/** Fills and submits the real sign-in form on the current page. */
export async function signInThroughPage(page: Page, who: { email: string; password: string }): Promise<void> {
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** The sign-in form; its alert is the form's own (Next's route announcer is an alert too). */
export const signInForm = (page: Page) => page.getByRole("form", { name: "Sign in" });

/** The header's account area. */
export const accountMenu = (page: Page) => page.getByRole("navigation", { name: "Account" });

// ---- fixtures ----

export interface CatalogApi {
  createComponent(fields: { name: string; title?: string; description?: string; owner?: string; lifecycle?: string; links?: { url: string; title?: string }[] }): Promise<void>;
  /** A fresh account (for tests that must not touch the shared demo sessions); returns its credentials. */
  createAccount(role: DemoRole): Promise<DemoAccount>;
}

export const test = base.extend<{ signedInAs: DemoRole | null; api: CatalogApi; apiRequest: APIRequestContext }>({
  /** Which demo account the page is signed in as (its session from the `sessions` project); null for anonymous. */
  signedInAs: ["viewer", { option: true }],
  storageState: async ({ signedInAs }, use) => {
    await use(signedInAs ? sessionFile(signedInAs) : { cookies: [], origins: [] });
  },
  /** The real API, authenticated with the bootstrap admin token; the only way tests put data in. */
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
      async createComponent({ name, title, description, owner = "group:team-e2e", lifecycle = "production", links }) {
        const res = await apiRequest.post("/api/v1/entities", {
          data: {
            apiVersion: "backstage.io/v1alpha1",
            kind: "Component",
            metadata: { name, ...(title ? { title } : {}), ...(description ? { description } : {}), ...(links ? { links } : {}) },
            spec: { type: "service", lifecycle, owner },
          },
        });
        expect(res.status(), await res.text()).toBe(201);
      },
      async createAccount(role) {
        const name = uniqueName(`e2e-${role}`);
        const created: DemoAccount = { role, email: `${name}@e2e.example`, displayName: `E2E ${name}`, password: `e2e-${randomBytes(12).toString("hex")}` };
        const res = await apiRequest.post("/api/v1/admin/users", {
          data: { email: created.email, displayName: created.displayName, role, password: created.password },
        });
        expect(res.status(), await res.text()).toBe(201);
        return created;
      },
    });
  },
});

export { expect };
