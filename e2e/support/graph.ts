import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";

/** A Component descriptor with the relations a graph test needs. */
export function component(name: string, spec: { dependsOn?: string[]; consumesApis?: string[]; providesApis?: string[]; system?: string; owner?: string } = {}) {
  return {
    apiVersion: "backstage.io/v1alpha1",
    kind: "Component",
    metadata: { name },
    spec: { type: "service", lifecycle: "production", owner: spec.owner ?? "group:team-e2e", ...spec },
  };
}

export function apiEntity(name: string, spec: { system?: string } = {}) {
  return {
    apiVersion: "backstage.io/v1alpha1",
    kind: "API",
    metadata: { name },
    spec: { type: "openapi", lifecycle: "production", owner: "group:team-e2e", definition: "openapi: 3.0.3", ...spec },
  };
}

/** Puts descriptors into the catalog in one ingest under a source of their own (the public API). */
export async function ingest(apiRequest: APIRequestContext, source: string, descriptors: object[]): Promise<void> {
  const res = await apiRequest.post(`/api/v1/ingest?source=${encodeURIComponent(source)}`, { data: descriptors });
  expect(res.status(), await res.text()).toBe(200);
}

/** The diagram, once laid out and painted (its component sets data-graph-state="ready"). */
export async function readyDiagram(page: Page): Promise<Locator> {
  const canvas = page.getByTestId("graph-canvas");
  await expect(canvas).toHaveAttribute("data-graph-state", "ready", { timeout: 15_000 });
  return canvas;
}

/** A node of the diagram by its accessible name ("Component checkout-service", ...). */
export const diagramNode = (canvas: Locator, name: string | RegExp) => canvas.getByRole("group", { name });

/** An edge of the diagram: "<source ref> <relation label> <target ref>". */
export const diagramEdge = (canvas: Locator, source: string, label: string, target: string) =>
  canvas.getByRole("img", { name: `${source} ${label} ${target}`, exact: true });

/** The list alternative, opened. */
export async function openLists(page: Page): Promise<Locator> {
  const lists = page.getByTestId("graph-lists");
  await lists.getByText(/Nodes and relations as a list/).click();
  await expect(lists.getByRole("table")).toBeVisible();
  return lists;
}

