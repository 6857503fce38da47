import type { Entity } from "@cartograph/contracts";
import { describe, expect, it } from "vitest";
import { editableDescriptor, toEntityView } from "./entity-view";

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
