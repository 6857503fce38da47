import type { Entity } from "@cartograph/contracts";
import { describe, expect, it } from "vitest";
import { authoredDescriptor, descriptorYaml, editableDescriptor, entityTabs, groupRelations, problemsOf, relatedOf, toEntityView } from "./entity-view";

const entity = (metadata: Record<string, unknown> = {}): Entity => ({
  apiVersion: "backstage.io/v1alpha1",
  kind: "Component",
  metadata: { name: "svc", namespace: "default", uid: "u1", etag: "e1", createdAt: "2026-01-01T00:00:00Z", updatedAt: "2026-01-02T00:00:00Z", ...metadata },
  spec: { type: "service", owner: "team-a" },
  relations: [{ type: "ownedBy", targetRef: "group:default/team-a" }],
});

describe("toEntityView links", () => {
  const cases: [string, boolean][] = [
    ["https://git.example/svc", true],
    ["http://runbooks.example/svc", true],
    ["javascript:alert(document.cookie)", false],
    ["JavaScript:alert(1)", false],
    [" javascript:alert(1)", false],
    ["data:text/html,<script>alert(1)</script>", false],
    ["vbscript:msgbox(1)", false],
    ["mailto:team@example.com", false],
    ["//evil.example", false],
    ["/relative/path", false],
    ["not a url", false],
  ];
  it.each(cases)("%j becomes an anchor: %j", (url, linkable) => {
    const [link] = toEntityView(entity({ links: [{ url, title: "Link" }] })).links;
    expect(link).toMatchObject({ url, label: "Link", linkable });
  });
});

describe("editableDescriptor", () => {
  it("leaves out what the catalog assigns and computes", () => {
    expect(editableDescriptor(entity({ description: "d", links: [] }))).toEqual({
      apiVersion: "backstage.io/v1alpha1",
      kind: "Component",
      metadata: { name: "svc", namespace: "default", description: "d", links: [] },
      spec: { type: "service", owner: "team-a" },
    });
  });
});

describe("authoredDescriptor", () => {
  it("strips assigned metadata, relations and status from a served entity or a stored version", () => {
    const served = { ...entity({ description: "d" }), status: { items: [{ type: "t", level: "warning" as const, message: "m" }] } };
    expect(authoredDescriptor(served)).toEqual({
      apiVersion: "backstage.io/v1alpha1",
      kind: "Component",
      metadata: { name: "svc", namespace: "default", description: "d" },
      spec: { type: "service", owner: "team-a" },
    });
  });

  it("writes YAML with apiVersion and kind first", () => {
    const yaml = descriptorYaml(entity());
    expect(yaml.split("\n").slice(0, 3)).toEqual(["apiVersion: backstage.io/v1alpha1", "kind: Component", "metadata:"]);
    expect(yaml).not.toMatch(/uid|etag|ownedBy/);
  });
});

describe("toEntityView owner and system links", () => {
  it.each([
    ["team-a", "/catalog/group/default/team-a"],
    ["group:ops/Team-B", "/catalog/group/ops/team-b"],
    ["user:ann", "/catalog/user/default/ann"],
  ])("owner %j links to %j", (owner, href) => {
    const e = entity();
    e.spec = { ...e.spec, owner, system: "checkout" };
    const view = toEntityView(e);
    expect(view.ownerHref).toBe(href);
    expect(view.systemHref).toBe("/catalog/system/default/checkout");
  });
});

describe("entityTabs", () => {
  const labels = (kind: string) => entityTabs(kind, "/catalog/x/default/y").map((t) => t.label);
  it.each([
    ["Component", ["Overview", "Graph", "YAML", "History"]],
    ["API", ["Overview", "Graph", "Definition", "YAML", "History"]],
    ["System", ["Overview", "Graph", "Architecture", "YAML", "History"]],
    ["domain", ["Overview", "Graph", "Architecture", "YAML", "History"]],
  ])("%s has %j", (kind, expected) => expect(labels(kind)).toEqual(expected));

  it("links each tab under the entity's path", () => {
    expect(entityTabs("api", "/catalog/api/default/a").map((t) => [t.segment, t.href])).toEqual([
      [null, "/catalog/api/default/a"],
      ["graph", "/catalog/api/default/a/graph"],
      ["definition", "/catalog/api/default/a/definition"],
      ["yaml", "/catalog/api/default/a/yaml"],
      ["history", "/catalog/api/default/a/history"],
    ]);
  });
});

describe("groupRelations", () => {
  const target = (kind: string, name: string, title: string | null = null) => ({ kind, namespace: "default", name, title });
  it("groups by type in reading order and marks dangling targets", () => {
    const groups = groupRelations([
      { type: "dependsOn", targetRef: "resource:default/db", target: target("Resource", "db", "Orders DB") },
      { type: "dependsOn", targetRef: "component:default/gone", target: null },
      { type: "ownedBy", targetRef: "group:default/team-a", target: target("Group", "team-a") },
      { type: "zappedBy", targetRef: "component:default/z", target: target("Component", "z") },
    ]);
    expect(groups.map((g) => g.label)).toEqual(["Owned by", "Depends on", "Zapped by"]);
    expect(groups[1]!.items).toEqual([
      { targetRef: "resource:default/db", href: "/catalog/resource/default/db", label: "Orders DB", kind: "Resource", dangling: false },
      { targetRef: "component:default/gone", label: "component:default/gone", kind: "component", dangling: true },
    ]);
  });

  it("relatedOf picks one type", () => {
    const items = [
      { type: "hasMember", targetRef: "user:default/ann", target: target("User", "ann") },
      { type: "parentOf", targetRef: "group:default/b", target: target("Group", "b") },
    ];
    expect(relatedOf(items, "hasMember").map((r) => r.href)).toEqual(["/catalog/user/default/ann"]);
    expect(relatedOf(items, "childOf")).toEqual([]);
  });
});

describe("problemsOf", () => {
  it("lists errors before warnings, and nothing when the entity has no status", () => {
    expect(problemsOf(entity())).toEqual([]);
    const e = { ...entity(), status: { items: [
      { type: "w", level: "warning" as const, message: "dangling" },
      { type: "e", level: "error" as const, message: "broken" },
    ] } };
    expect(problemsOf(e).map((p) => p.level)).toEqual(["error", "warning"]);
  });
});
