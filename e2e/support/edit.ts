import type { APIRequestContext, Locator, Page } from "@playwright/test";
import { expect, test } from "../fixtures.ts";
import { expectAccessible, keepScreenshot } from "./accessibility.ts";

export { expectFitsPhone } from "./accessibility.ts";

// Helpers for the register, edit and live-update specs.

/** The YAML editor (CodeMirror's content element, a labelled textbox) once it has replaced the fallback. */
export async function yamlEditor(page: Page, label = "Descriptor"): Promise<Locator> {
  // The hidden mirror appears when CodeMirror is in the page (the fallback textarea goes then).
  await expect(page.getByTestId("descriptor-value")).toBeAttached();
  return page.getByRole("textbox", { name: label, exact: true });
}

/** The text the form will submit. */
export const editorText = (page: Page) => page.getByTestId("descriptor-value").inputValue();

/** Replaces everything in the editor, as pasting would. */
export async function setEditorText(page: Page, text: string, label = "Descriptor"): Promise<void> {
  const editor = await yamlEditor(page, label);
  await editor.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(text);
  await expect.poll(() => editorText(page)).toBe(text);
}

/** Changes the editor's text with `change` (on the text as it is). */
export async function changeEditorText(page: Page, change: (text: string) => string, label = "Descriptor"): Promise<string> {
  await yamlEditor(page, label);
  const next = change(await editorText(page));
  await setEditorText(page, next, label);
  return next;
}

/** The 1-based line of `needle` in `text`. */
export function lineOf(text: string, needle: string): number {
  const index = text.indexOf(needle);
  if (index === -1) throw new Error(`"${needle}" is not in the text`);
  return text.slice(0, index).split("\n").length;
}

export const validationStatus = (page: Page) => page.getByTestId("validation-status");
export const problemList = (page: Page) => page.getByRole("list", { name: "Problems in the descriptor" });

/** Scans in the light and the dark scheme and keeps a screenshot of each for the docs. */
export async function scanBothSchemes(page: Page, screenshot: string): Promise<void> {
  // Two axe runs and two full-page screenshots are real work on a shared 2-core machine: budget for them.
  test.info().setTimeout(test.info().timeout + 30_000);
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expectAccessible(page);
    await keepScreenshot(page, test.info(), `${screenshot}-${scheme}`);
  }
  await page.emulateMedia({ colorScheme: "light" });
}

// ---- the API, as the bootstrap admin ----

export interface StoredEntity {
  etag: string;
  metadata: { name: string; description?: string; etag: string };
  spec: Record<string, unknown>;
}

export async function readEntity(api: APIRequestContext, path: string): Promise<StoredEntity | null> {
  const res = await api.get(`/api/v1/entities/${path}`);
  if (res.status() === 404) return null;
  expect(res.status(), await res.text()).toBe(200);
  const body = (await res.json()) as Omit<StoredEntity, "etag">;
  return { ...body, etag: body.metadata.etag };
}

/** Replaces an entity's descriptor through the API (as someone else would). */
export async function updateEntity(api: APIRequestContext, path: string, change: (descriptor: Record<string, any>) => void): Promise<string> {
  const res = await api.get(`/api/v1/entities/${path}`);
  expect(res.status(), await res.text()).toBe(200);
  const { metadata, spec, apiVersion, kind } = await res.json();
  const descriptor: Record<string, any> = { apiVersion, kind, metadata: { name: metadata.name, namespace: metadata.namespace, ...pick(metadata, ["title", "description", "tags", "links"]) }, spec };
  change(descriptor);
  const put = await api.put(`/api/v1/entities/${path}`, { data: descriptor, headers: { "if-match": `"${metadata.etag}"` } });
  expect(put.status(), await put.text()).toBe(200);
  return (await put.json()).metadata.etag;
}

function pick(source: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => source[k] !== undefined).map((k) => [k, source[k]]));
}
