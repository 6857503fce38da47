// Example descriptors shared by the catalog tests (not exported from the package).
import type { BuiltinKind } from "./kinds.ts";

export const V1 = "backstage.io/v1alpha1";
export const V1BETA = "backstage.io/v1beta1";
export const SCAFFOLDER = "scaffolder.backstage.io/v1beta3";

type Descriptor = { apiVersion: string; kind: string; metadata: Record<string, unknown>; spec?: Record<string, unknown> };

const entity = (kind: string, spec: Record<string, unknown>, apiVersion = V1): Descriptor => ({
  apiVersion,
  kind,
  metadata: { name: `${kind.toLowerCase()}-x` },
  spec,
});

/** The least each kind needs. */
export const MINIMAL: Record<BuiltinKind, Descriptor> = {
  Component: entity("Component", { type: "service", lifecycle: "production", owner: "team-a" }),
  API: entity("API", { type: "openapi", lifecycle: "production", owner: "team-a", definition: "openapi: 3.0.0" }),
  Resource: entity("Resource", { type: "database", owner: "team-a" }),
  System: entity("System", { owner: "team-a" }),
  Domain: entity("Domain", { owner: "team-a" }),
  Group: entity("Group", { type: "team", children: [] }),
  User: entity("User", { memberOf: [] }),
  Location: entity("Location", {}),
  Template: entity("Template", { type: "service", steps: [] }, SCAFFOLDER),
};

const fullMetadata = (name: string) => ({
  name,
  namespace: "ops",
  title: "A Title",
  description: "What it is.",
  labels: { tier: "gold", "example.com/team": "", "a.b/c": "Value_1.x" },
  annotations: { "backstage.io/techdocs-ref": "dir:.", "example.com/anything": "free text, even spaces" },
  tags: ["java", "c++", "team:a", "c#"],
  links: [{ url: "https://example.com/docs", title: "Docs", icon: "docs", type: "documentation" }, { url: "mailto:ops@example.com" }],
  custom: { kept: true },
});

/** Every field each kind knows, plus an unknown spec key (kept, as Backstage keeps it). */
export const FULL: Record<BuiltinKind, Descriptor> = {
  Component: {
    apiVersion: V1BETA,
    kind: "Component",
    metadata: fullMetadata("payments"),
    spec: {
      type: "service",
      lifecycle: "production",
      owner: "team-a",
      system: "checkout",
      subcomponentOf: "shop",
      providesApis: ["payments-api", "api:shared/refunds"],
      consumesApis: ["orders-api"],
      dependsOn: ["resource:payments-db", "component:ledger"],
      dependencyOf: ["component:web"],
      extra: { anything: [1, 2] },
    },
  },
  API: {
    apiVersion: V1,
    kind: "API",
    metadata: fullMetadata("payments-api"),
    spec: { type: "openapi", lifecycle: "production", owner: "user:alice", definition: "openapi: 3.0.0\ninfo: {}", system: "checkout", extra: 1 },
  },
  Resource: {
    apiVersion: V1,
    kind: "Resource",
    metadata: fullMetadata("payments-db"),
    spec: { type: "database", owner: "team-a", system: "checkout", dependsOn: ["resource:disk"], dependencyOf: ["component:payments"], extra: "x" },
  },
  System: {
    apiVersion: V1,
    kind: "System",
    metadata: fullMetadata("checkout"),
    spec: { owner: "team-a", domain: "commerce", type: "product", extra: null },
  },
  Domain: {
    apiVersion: V1,
    kind: "Domain",
    metadata: fullMetadata("commerce"),
    spec: { owner: "team-a", subdomainOf: "business", type: "product-group" },
  },
  Group: {
    apiVersion: V1,
    kind: "Group",
    metadata: fullMetadata("team-a"),
    spec: {
      type: "team",
      children: ["team-a-web", "team-a-data"],
      parent: "engineering",
      members: ["bob", "alice"],
      profile: { displayName: "Team A", email: "team-a@example.com", picture: "https://example.com/a.png" },
    },
  },
  User: {
    apiVersion: V1,
    kind: "User",
    metadata: fullMetadata("alice"),
    spec: { memberOf: ["team-a", "group:default/everyone"], profile: { displayName: "Alice", email: "alice@example.com" } },
  },
  Location: {
    apiVersion: V1,
    kind: "Location",
    metadata: fullMetadata("org"),
    spec: { type: "url", target: "./one.yaml", targets: ["./b.yaml", "./a.yaml"], presence: "optional" },
  },
  Template: {
    apiVersion: SCAFFOLDER,
    kind: "Template",
    metadata: fullMetadata("new-service"),
    spec: {
      type: "service",
      owner: "team-a",
      lifecycle: "experimental",
      parameters: [{ title: "Name", required: ["name"], properties: { name: { type: "string" } } }],
      steps: [
        { id: "fetch", name: "Fetch", action: "fetch:template", input: { url: "./skeleton" } },
        { action: "publish:github", if: "${{ parameters.publish }}" },
      ],
      output: { links: [{ title: "Repository", url: "${{ steps.publish.output.remoteUrl }}" }] },
      presentation: { buttonLabels: { createButtonText: "Go" } },
      secrets: { schema: { type: "object" } },
    },
  },
};

/** A copy of `base` with `patch` merged into its metadata and spec (one level deep). */
export function withFields(base: Descriptor, patch: { metadata?: Record<string, unknown>; spec?: Record<string, unknown>; root?: Record<string, unknown> }) {
  return {
    ...structuredClone(base),
    ...patch.root,
    metadata: { ...base.metadata, ...patch.metadata },
    spec: { ...base.spec, ...patch.spec },
  };
}
