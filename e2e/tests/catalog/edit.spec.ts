import type { Browser, Page } from "@playwright/test";
import { expect, sessionFile, test, uniqueName } from "../../fixtures.ts";
import { changeEditorText, editorText, expectFitsPhone, lineOf, problemList, readEntity, scanBothSchemes, updateEntity, validationStatus, yamlEditor } from "../../support/edit.ts";

/** The edit form's own alert (Next's route announcer is an alert too). */
const saveOutcome = (page: Page) => page.getByRole("form", { name: "Edit descriptor" }).getByRole("alert");
const about = (page: Page) => page.getByRole("region", { name: "About" });
const entityUrl = (name: string) => `/catalog/component/default/${name}`;
const apiPath = (name: string) => `component/default/${name}`;

/** A second browser, signed in as the same editor: another person (or tab) editing at the same time. */
async function secondEditor(browser: Browser, baseURL: string | undefined): Promise<Page> {
  const context = await browser.newContext({ baseURL, storageState: sessionFile("editor") });
  return context.newPage();
}

const describe = (page: Page, from: string, to: string) => changeEditorText(page, (t) => t.replace(`description: ${from}`, `description: ${to}`));

test.describe("as an editor (Bruno Okafor, team-checkout)", () => {
  test.use({ signedInAs: "editor" });

  test("edits a component his team owns as YAML and sees the change", async ({ page }) => {
    const description = `Turns carts into orders (edited ${uniqueName("e2e")}).`;
    await page.goto(entityUrl("checkout-service"));
    await page.getByRole("link", { name: "Edit" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Edit checkout-service/);
    await yamlEditor(page);
    const text = await editorText(page);
    expect(text).toMatch(/^kind: Component$/m);
    expect(text).toMatch(/^ {2}owner: team-checkout$/m);
    // What the catalog assigns or computes is not part of what one edits.
    expect(text).not.toMatch(/uid:|etag:|createdAt:|relations:|status:/);
    await expect(validationStatus(page)).toHaveText("Valid");

    await changeEditorText(page, (t) => t.replace(/^ {2}description: .*$/m, `  description: ${description}`));
    await page.getByRole("button", { name: "Save" }).click();

    await expect(page).toHaveURL(/\/catalog\/component\/default\/checkout-service\?saved=1$/);
    await expect(page.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();
    await expect(about(page).getByText(description)).toBeVisible();
  });

  test("validation as you type marks the problem at its line and clears when fixed", async ({ page, api }) => {
    const name = uniqueName("e2e-typing");
    await api.createComponent({ name, owner: "group:team-checkout", description: "Typed into." });
    await page.goto(`${entityUrl(name)}/edit`);
    const editor = await yamlEditor(page);
    await expect(validationStatus(page)).toHaveText("Valid");
    await expect(editor).toHaveAttribute("aria-invalid", "false");

    const broken = await changeEditorText(page, (t) => t.replace(/lifecycle: production/, "lifecycle: 42"));
    const line = lineOf(broken, "lifecycle: 42");
    const problem = problemList(page).getByRole("button").filter({ hasText: "spec.lifecycle" });
    await expect(problem).toContainText(new RegExp(`^line ${line}, column \\d+: spec\\.lifecycle: `));
    await expect(validationStatus(page)).toHaveText("1 problem");
    await expect(editor).toHaveAttribute("aria-invalid", "true");

    // Activating the problem puts the cursor on its line.
    await (await yamlEditor(page)).press("ControlOrMeta+Home");
    await expect(page.getByTestId("yaml-editor")).toHaveAttribute("data-cursor-line", "1");
    await problem.click();
    await expect(page.getByTestId("yaml-editor")).toHaveAttribute("data-cursor-line", String(line));
    await expect(editor).toBeFocused();
    await scanBothSchemes(page, "edit-errors");

    await changeEditorText(page, (t) => t.replace("lifecycle: 42", "lifecycle: experimental"));
    await expect(validationStatus(page)).toHaveText("Valid");
    await expect(problemList(page)).toHaveCount(0);
    await expect(editor).toHaveAttribute("aria-invalid", "false");
  });

  test("is refused on a component another team owns, and nothing changes", async ({ page }) => {
    await page.goto(entityUrl("web-bff"));
    await expect(about(page).getByText("team-web", { exact: true })).toBeVisible();
    await page.getByRole("link", { name: "Edit" }).click();
    await changeEditorText(page, (t) => t.replace(/^ {2}description: .*$/m, "  description: Hijacked by another team."));
    await page.getByRole("button", { name: "Save" }).click();

    const alert = saveOutcome(page);
    await expect(alert).toContainText("You can only edit entities owned by your teams");
    // The API's own explanation, naming the entity it refused.
    await expect(alert).toContainText("web-bff");
    expect(await editorText(page)).toContain("Hijacked by another team.");

    await page.goto(entityUrl("web-bff"));
    await expect(about(page).getByText("Backend for the storefront.")).toBeVisible();
    await expect(page.getByText("Hijacked by another team.")).toHaveCount(0);
  });

  for (const choice of ["theirs", "mine"] as const) {
    test(`a concurrent edit is shown as a diff and ${choice === "mine" ? "mine is saved over theirs" : "theirs is loaded"} only when chosen`, async ({ page, api, apiRequest, browser, baseURL }) => {
      const name = uniqueName(`e2e-conflict-${choice}`);
      await api.createComponent({ name, owner: "group:team-checkout", description: "First version." });
      const other = await secondEditor(browser, baseURL);
      await page.goto(`${entityUrl(name)}/edit`);
      await other.goto(`${entityUrl(name)}/edit`);
      await yamlEditor(page);

      // A saves first.
      await describe(other, "First version.", "Their change.");
      await other.getByRole("button", { name: "Save" }).click();
      await expect(other.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();
      await other.context().close();

      // B, still on the version it opened, saves: nothing is written, the difference is shown.
      await describe(page, "First version.", "My change.");
      await page.getByRole("button", { name: "Save" }).click();
      const conflict = page.getByRole("alert").filter({ hasText: "this entity changed since you opened it" });
      await expect(conflict).toBeVisible();
      const diff = conflict.getByRole("region", { name: "What changed meanwhile" });
      await expect(diff.getByRole("listitem").filter({ hasText: "removed: description: First version." })).toBeVisible();
      await expect(diff.getByRole("listitem").filter({ hasText: "added: description: Their change." })).toBeVisible();
      expect((await readEntity(apiRequest, apiPath(name)))?.metadata.description).toBe("Their change.");
      if (choice === "mine") await scanBothSchemes(page, "edit-conflict");

      if (choice === "theirs") {
        await conflict.getByRole("button", { name: "Discard mine and load theirs" }).click();
        await expect(conflict).toHaveCount(0);
        expect(await editorText(page)).toContain("description: Their change.");
        expect(await editorText(page)).not.toContain("My change.");
        // Saving now builds on their version: no conflict.
        await changeEditorText(page, (t) => t.replace("lifecycle: production", "lifecycle: experimental"));
        await page.getByRole("button", { name: "Save" }).click();
        await expect(page).toHaveURL(/\?saved=1$/);
        const stored = await readEntity(apiRequest, apiPath(name));
        expect(stored?.metadata.description).toBe("Their change.");
        expect(stored?.spec.lifecycle).toBe("experimental");
      } else {
        await conflict.getByRole("button", { name: "Keep my version and save over theirs" }).click();
        await expect(page).toHaveURL(/\?saved=1$/);
        expect((await readEntity(apiRequest, apiPath(name)))?.metadata.description).toBe("My change.");
      }
    });
  }

  test("deletes an entity after typing its name in the confirmation dialog", async ({ page, api, apiRequest }) => {
    const name = uniqueName("e2e-delete");
    await api.createComponent({ name, owner: "group:team-checkout" });
    await page.goto(`${entityUrl(name)}/edit`);
    await page.getByRole("button", { name: "Delete…" }).click();

    const dialog = page.getByRole("dialog", { name: `Delete ${name}?` });
    await expect(dialog).toBeVisible();
    const confirm = dialog.getByRole("textbox", { name: "Entity name" });
    await expect(confirm).toBeFocused();
    const remove = dialog.getByRole("button", { name: "Delete", exact: true });
    await expect(remove).toBeDisabled();

    // Escape closes it and gives focus back; nothing is deleted.
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(page.getByRole("button", { name: "Delete…" })).toBeFocused();
    expect(await readEntity(apiRequest, apiPath(name))).not.toBeNull();

    await page.getByRole("button", { name: "Delete…" }).click();
    await confirm.fill(`${name}-typo`);
    await expect(remove).toBeDisabled();
    await confirm.fill(name);
    await remove.click();
    await expect(page).toHaveURL(new RegExp(`/\\?deleted=component%3Adefault%2F${name}$`));
    await expect(page.getByRole("status").filter({ hasText: "Deleted" })).toContainText(`Deleted component:default/${name}.`);
    expect(await readEntity(apiRequest, apiPath(name))).toBeNull();
  });

  test("a delete after someone else's change shows what changed and needs a second yes", async ({ page, api, apiRequest }) => {
    const name = uniqueName("e2e-delete-stale");
    await api.createComponent({ name, owner: "group:team-checkout", description: "As opened." });
    await page.goto(`${entityUrl(name)}/edit`);
    await yamlEditor(page);
    await updateEntity(apiRequest, apiPath(name), (d) => (d.metadata.description = "Changed meanwhile."));

    await page.getByRole("button", { name: "Delete…" }).click();
    const dialog = page.getByRole("dialog", { name: `Delete ${name}?` });
    await dialog.getByRole("textbox", { name: "Entity name" }).fill(name);
    await dialog.getByRole("button", { name: "Delete", exact: true }).click();
    await expect(dialog.getByRole("alert")).toContainText("changed this entity since you opened it");
    await expect(dialog.getByRole("region", { name: "What changed meanwhile" })).toContainText("added: description: Changed meanwhile.");
    expect(await readEntity(apiRequest, apiPath(name))).not.toBeNull();

    await dialog.getByRole("button", { name: "Delete anyway" }).click();
    await expect(page).toHaveURL(/\/\?deleted=/);
    expect(await readEntity(apiRequest, apiPath(name))).toBeNull();
  });

  test("the edit page passes an accessibility scan when clean", async ({ page, api }) => {
    const name = uniqueName("e2e-a11y");
    await api.createComponent({ name, owner: "group:team-checkout", description: "Looked at closely." });
    await page.goto(`${entityUrl(name)}/edit`);
    await yamlEditor(page);
    await expect(validationStatus(page)).toHaveText("Valid");
    await scanBothSchemes(page, "edit-clean");
    await expectFitsPhone(page);
  });
});

test.describe("keyboard", () => {
  test.use({ signedInAs: "editor" });

  test("Tab indents inside the editor, and Escape then Tab leaves it", async ({ page, api }) => {
    const name = uniqueName("e2e-keys");
    await api.createComponent({ name, owner: "group:team-checkout" });
    await page.goto(`${entityUrl(name)}/edit`);
    const editor = await yamlEditor(page);
    await expect(page.getByText("press Esc then Tab")).toBeVisible();
    await editor.click();
    await page.keyboard.press("ControlOrMeta+End");
    const before = await editorText(page);
    await page.keyboard.press("Tab");
    // Indentation (only whitespace) was added where the cursor was.
    await expect
      .poll(async () => {
        const after = await editorText(page);
        return after.length > before.length && after.startsWith(before) && after.slice(before.length).trim() === "";
      })
      .toBe(true);
    await expect(editor).toBeFocused();

    await page.keyboard.press("Escape");
    await page.keyboard.press("Tab");
    await expect(editor).not.toBeFocused();
  });
});

test.describe("as a viewer", () => {
  test.use({ signedInAs: "viewer" });

  test("sees no Edit link", async ({ page }) => {
    await page.goto(entityUrl("checkout-service"));
    await expect(page.getByRole("heading", { level: 1 })).toContainText("checkout-service");
    await expect(page.getByRole("link", { name: "Edit" })).toHaveCount(0);
  });

  test("going to the edit page anyway, the API refuses the save", async ({ page }) => {
    await page.goto(`${entityUrl("web-bff")}/edit`);
    await changeEditorText(page, (t) => t.replace(/^ {2}description: .*$/m, "  description: A viewer was here."));
    await page.getByRole("button", { name: "Save" }).click();
    await expect(saveOutcome(page)).toContainText("Not saved");
    await expect(saveOutcome(page)).toContainText("The API said:");

    await page.goto(entityUrl("web-bff"));
    await expect(page.getByText("A viewer was here.")).toHaveCount(0);
  });
});
