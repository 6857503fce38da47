import type { APIRequestContext, Page } from "@playwright/test";
import { expect } from "../fixtures.ts";


export interface Descriptor {
  apiVersion?: string;
  kind: string;
  metadata: { name: string; namespace?: string; [key: string]: unknown };
  spec: Record<string, unknown>;
}

export const entityUrl = (kind: string, name: string, tab = "") => `/catalog/${kind.toLowerCase()}/default/${name.toLowerCase()}${tab ? `/${tab}` : ""}`;

/** Creates an entity through the public API (as the bootstrap admin); returns its etag. */
export async function createEntity(api: APIRequestContext, descriptor: Descriptor): Promise<string> {
  const res = await api.post("/api/v1/entities", { data: { apiVersion: "backstage.io/v1alpha1", ...descriptor } });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { metadata: { etag: string } }).metadata.etag;
}

/** Replaces an entity's descriptor if it is still at `etag` (If-Match); returns the new etag. */
export async function replaceEntity(api: APIRequestContext, descriptor: Descriptor, etag: string): Promise<string> {
  const { kind, metadata } = descriptor;
  const res = await api.put(`/api/v1/entities/${kind.toLowerCase()}/${metadata.namespace ?? "default"}/${metadata.name}`, {
    data: { apiVersion: "backstage.io/v1alpha1", ...descriptor },
    headers: { "if-match": `"${etag}"` },
  });
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { metadata: { etag: string } }).metadata.etag;
}

/** The entity's versions as the API lists them, newest first. */
export async function historyOf(api: APIRequestContext, kind: string, name: string): Promise<{ id: string; version: number; actor: string }[]> {
  const res = await api.get(`/api/v1/entities/${kind.toLowerCase()}/default/${name}/history`);
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { items: { id: string; version: number; actor: string }[] }).items;
}

/** The entity page's tab bar. */
export const entityTabs = (page: Page) => page.getByRole("navigation", { name: "Entity sections" });
