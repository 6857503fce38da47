import type { Page } from "@playwright/test";
import { expect, test, uniqueName } from "../../fixtures.ts";
import { editorText, expectFitsPhone, lineOf, problemList, readEntity, scanBothSchemes, setEditorText, validationStatus, yamlEditor } from "../../support/edit.ts";

const LABEL = "Descriptor file";
const form = (page: Page) => page.getByRole("form", { name: "Register entities" });
const outcome = (page: Page) => form(page).getByRole("alert");
const preview = (page: Page) => page.getByRole("region", { name: "Preview" });

function component(name: string, extra: { owner?: string; lifecycle?: string; title?: string; dependsOn?: string[] } = {}): string {
  const lines = [
    "apiVersion: backstage.io/v1alpha1",
    "kind: Component",
    "metadata:",
    `  name: ${name}`,
    ...(extra.title ? [`  title: ${extra.title}`] : []),
    "spec:",
    "  type: service",
    `  lifecycle: ${extra.lifecycle ?? "production"}`,
    `  owner: ${extra.owner ?? "team-checkout"}`,
    ...(extra.dependsOn ? ["  dependsOn:", ...extra.dependsOn.map((d) => `    - ${d}`)] : []),
  ];
  return `${lines.join("\n")}\n`;
}

test.describe("as an editor (team-checkout)", () => {
  test.use({ signedInAs: "editor" });

  test("a file with an error is shown at its line, then fixed, previewed and registered", async ({ page, apiRequest }) => {
    const base = uniqueName("e2e-reg");
    const gateway = `${base}-gateway`;
    const worker = `${base}-worker`;
    const missing = `${base}-cache`;
    const file =
      component(gateway, { title: "Order gateway", dependsOn: ["resource:commerce-db", `resource:${missing}`] }) +
      "---\n" +
      component(worker, { lifecycle: "42", dependsOn: [`component:${gateway}`] });

    await page.goto("/register");
    await expect(page.getByRole("heading", { level: 1, name: "Register entities" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "What is a descriptor?" })).toBeVisible();
    await yamlEditor(page, LABEL);
    await scanBothSchemes(page, "register-empty");

    await setEditorText(page, file, LABEL);
    const line = lineOf(file, "lifecycle: 42");
    expect(line).toBeGreaterThan(12); // in the second document: the line is the file's, not the document's
    await expect(problemList(page).getByRole("listitem").filter({ hasText: "spec.lifecycle" })).toContainText(`line ${line}, column`);
    await expect(validationStatus(page)).toHaveText("1 problem");
    await scanBothSchemes(page, "register-errors");

    // Sent anyway, the API says the same, at the same line.
    await form(page).getByRole("button", { name: "Preview" }).click();
    await expect(outcome(page)).toContainText("Not registered. The file has problems");
    await expect(problemList(page).getByRole("listitem").first()).toContainText(`line ${line}`);

    await setEditorText(page, file.replace("lifecycle: 42", "lifecycle: experimental"), LABEL);
    await expect(validationStatus(page)).toHaveText("Valid (2 documents)");
    await form(page).getByRole("button", { name: "Preview" }).click();

    const entities = preview(page).getByRole("table", { name: "Entities it would create" });
    await expect(entities.getByRole("row").filter({ hasText: gateway })).toContainText("Order gateway");
    await expect(entities.getByRole("row").filter({ hasText: worker })).toContainText("Component");
    const relations = preview(page).getByRole("table", { name: /^Relations it would create/ });
    await expect(relations.getByRole("row").filter({ hasText: missing })).toContainText("not in the catalog");
    await expect(relations.getByRole("row").filter({ hasText: "resource:default/commerce-db" })).not.toContainText("not in the catalog");
    await expect(relations.getByRole("row").filter({ hasText: `component:default/${gateway}` }).first()).not.toContainText("not in the catalog");
    // A preview writes nothing.
    expect(await readEntity(apiRequest, `component/default/${gateway}`)).toBeNull();
    await scanBothSchemes(page, "register-preview");

    await form(page).getByRole("button", { name: "Register 2 entities" }).click();
    const done = page.getByRole("status").filter({ hasText: "Registered 2 entities" });
    await expect(done).toBeVisible();
    await done.getByRole("link", { name: "Order gateway" }).click();
    await expect(page).toHaveURL(new RegExp(`/catalog/component/default/${gateway}`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Order gateway");
    expect(await readEntity(apiRequest, `component/default/${worker}`)).not.toBeNull();
  });

  test("uploads a file, previews it and lands on the new entity", async ({ page }) => {
    const name = uniqueName("e2e-upload");
    const text = component(name, { title: "Uploaded service" });
    await page.goto("/register");
    await yamlEditor(page, LABEL);
    await page.getByLabel("Upload a descriptor file").setInputFiles({ name: "catalog-info.yaml", mimeType: "application/yaml", buffer: Buffer.from(text) });
    await expect(page.getByText("Read catalog-info.yaml into the editor")).toBeVisible();
    await expect.poll(() => editorText(page)).toBe(text);
    await expect(validationStatus(page)).toHaveText("Valid");

    await form(page).getByRole("button", { name: "Preview" }).click();
    await expect(preview(page).getByRole("table", { name: "Entities it would create" })).toContainText(name);
    await expectFitsPhone(page);
    await page.screenshot({ path: test.info().outputPath("register-preview-phone.png"), fullPage: true });
    await form(page).getByRole("button", { name: "Register 1 entity" }).click();
    await expect(page).toHaveURL(new RegExp(`/catalog/component/default/${name}`));
    await expect(page.getByRole("status").filter({ hasText: "Registered." })).toContainText("The entity is in the catalog now");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Uploaded service");
  });

  test("a file over the size limit is refused before anything is sent", async ({ page }) => {
    await page.goto("/register");
    await yamlEditor(page, LABEL);
    const big = `# ${"x".repeat(600 * 1024)}\n`;
    await page.getByLabel("Upload a descriptor file").setInputFiles({ name: "huge.yaml", mimeType: "application/yaml", buffer: Buffer.from(big) });
    await expect(page.getByText(/huge\.yaml: This is 601 KB; a descriptor file may be at most 512 KB/)).toBeVisible();
    expect(await editorText(page)).toBe("");
  });

  test("an entity that already exists is named, with a link to it", async ({ page }) => {
    await page.goto("/register");
    await setEditorText(page, component("checkout-service"), LABEL);
    await form(page).getByRole("button", { name: "Preview" }).click();
    const register = form(page).getByRole("button", { name: "Register 1 entity" });
    // The dry run may already see the clash; if not, registering does.
    await expect(outcome(page).or(register)).toBeVisible();
    if (await register.isVisible()) await register.click();
    await expect(outcome(page)).toContainText("already exists");
    await outcome(page).getByRole("link", { name: "component:default/checkout-service" }).click();
    await expect(page).toHaveURL(/\/catalog\/component\/default\/checkout-service$/);
  });

  test("an entity owned by another team is refused with the reason", async ({ page }) => {
    await page.goto("/register");
    await setEditorText(page, component(uniqueName("e2e-foreign"), { owner: "team-web" }), LABEL);
    await form(page).getByRole("button", { name: "Preview" }).click();
    const register = form(page).getByRole("button", { name: "Register 1 entity" });
    await expect(outcome(page).or(register)).toBeVisible();
    if (await register.isVisible()) await register.click();
    await expect(outcome(page)).toContainText("The owner of every entity must be one of your teams");
  });
});

test.describe("without JavaScript", () => {
  test.use({ signedInAs: "editor", javaScriptEnabled: false });

  test("the plain text field still previews and registers a descriptor", async ({ page }) => {
    const name = uniqueName("e2e-nojs");
    await page.goto("/register");
    await page.getByRole("textbox", { name: LABEL, exact: true }).fill(component(name, { title: "No script needed" }));
    await form(page).getByRole("button", { name: "Preview" }).click();
    await expect(preview(page).getByRole("table", { name: "Entities it would create" })).toContainText("No script needed");
    await form(page).getByRole("button", { name: "Register 1 entity" }).click();
    await expect(page).toHaveURL(new RegExp(`/catalog/component/default/${name}`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("No script needed");
  });
});

test.describe("as a viewer", () => {
  test.use({ signedInAs: "viewer" });

  test("sees that they cannot register, and why", async ({ page }) => {
    await page.goto("/register");
    await expect(page.getByRole("heading", { name: "You can't register entities" })).toBeVisible();
    await expect(page.getByText(/has the viewer role/)).toBeVisible();
    await expect(page.getByRole("form", { name: "Register entities" })).toHaveCount(0);
  });
});
