import type { Page } from "@playwright/test";
import { expect, test, uniqueName } from "../../fixtures.ts";

const descriptorField = (page: Page) => page.getByRole("textbox", { name: "Descriptor", exact: true });

/** Changes the descriptor in the edit page's textarea, as a person would (it holds JSON). */
async function editDescriptor(page: Page, change: (descriptor: Record<string, any>) => void): Promise<void> {
  const field = descriptorField(page);
  const descriptor = JSON.parse(await field.inputValue());
  change(descriptor);
  await field.fill(JSON.stringify(descriptor, null, 2));
}

/** The edit form's own alert (Next's route announcer is an alert too). */
const saveOutcome = (page: Page) => page.getByRole("form", { name: "Edit descriptor" }).getByRole("alert");
const about = (page: Page) => page.getByRole("region", { name: "About" });
const entityUrl = (name: string) => `/catalog/component/default/${name}`;

test.describe("as an editor (Bruno Okafor, team-checkout)", () => {
  test.use({ signedInAs: "editor" });

  test("edits a component his team owns and sees the change", async ({ page }) => {
    const description = `Turns carts into orders (edited ${uniqueName("e2e")}).`;
    await page.goto(entityUrl("checkout-service"));
    await page.getByRole("link", { name: "Edit" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Edit checkout-service/);
    const field = descriptorField(page);
    await expect(field).toHaveValue(/"owner": "team-checkout"/);
    // What the catalog assigns is not part of what one edits.
    await expect(field).not.toHaveValue(/"uid"|"etag"|"createdAt"/);

    await editDescriptor(page, (d) => (d.metadata.description = description));
    await page.getByRole("button", { name: "Save" }).click();

    await expect(page).toHaveURL(/\/catalog\/component\/default\/checkout-service\?saved=1$/);
    await expect(page.getByRole("status")).toContainText("Saved");
    await expect(about(page).getByText(description)).toBeVisible();
  });

  test("is refused on a component another team owns, and nothing changes", async ({ page }) => {
    await page.goto(entityUrl("web-bff"));
    await expect(about(page).getByText("team-web", { exact: true })).toBeVisible();
    await page.getByRole("link", { name: "Edit" }).click();
    await editDescriptor(page, (d) => (d.metadata.description = "Hijacked by another team."));
    await page.getByRole("button", { name: "Save" }).click();

    const alert = saveOutcome(page);
    await expect(alert).toContainText("You can only edit entities owned by your teams");
    // The API's own explanation, naming the entity it refused.
    await expect(alert).toContainText("web-bff");
    await expect(descriptorField(page)).toHaveValue(/Hijacked by another team/);

    await page.goto(entityUrl("web-bff"));
    await expect(about(page).getByText("Backend for the storefront.")).toBeVisible();
    await expect(page.getByText("Hijacked by another team.")).toHaveCount(0);
  });

  test("a change made meanwhile by someone else is not overwritten", async ({ page, context, api }) => {
    const name = uniqueName("e2e-stale");
    await api.createComponent({ name, owner: "group:team-checkout", description: "First version." });
    await page.goto(`${entityUrl(name)}/edit`);

    const other = await context.newPage();
    await other.goto(`${entityUrl(name)}/edit`);
    await editDescriptor(other, (d) => (d.metadata.description = "Their change."));
    await other.getByRole("button", { name: "Save" }).click();
    await expect(other.getByRole("status")).toContainText("Saved");

    await editDescriptor(page, (d) => (d.metadata.description = "My change."));
    await page.getByRole("button", { name: "Save" }).click();
    await expect(saveOutcome(page)).toContainText("Someone else changed this entity");
    await page.getByRole("link", { name: "reload the latest version" }).click();
    await expect(descriptorField(page)).toHaveValue(/"description": "Their change."/);
  });

  test("an invalid descriptor is refused with each problem and where it is", async ({ page, api }) => {
    const name = uniqueName("e2e-invalid");
    await api.createComponent({ name, owner: "group:team-checkout" });
    await page.goto(`${entityUrl(name)}/edit`);
    await editDescriptor(page, (d) => (d.spec.lifecycle = 42));
    await page.getByRole("button", { name: "Save" }).click();

    const problems = page.getByRole("list", { name: "Problems in the descriptor" });
    await expect(problems.getByRole("listitem").filter({ hasText: "spec.lifecycle" })).toContainText("must be a string");
    await expect(descriptorField(page)).toHaveAttribute("aria-invalid", "true");

    // Checked before asking the API: the error is tied to the field.
    await descriptorField(page).fill("   ");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(descriptorField(page)).toHaveAccessibleDescription(/The descriptor must not be empty\./);

    // Not even parseable: the position of the syntax error.
    await descriptorField(page).fill('{ "apiVersion": "backstage.io/v1alpha1",\n  "kind": ');
    await page.getByRole("button", { name: "Save" }).click();
    await expect(problems.getByRole("listitem").first()).toContainText(/line \d+, column \d+/);
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
    await editDescriptor(page, (d) => (d.metadata.description = "A viewer was here."));
    await page.getByRole("button", { name: "Save" }).click();
    await expect(saveOutcome(page)).toContainText("Not saved");
    await expect(saveOutcome(page)).toContainText("The API said:");

    await page.goto(entityUrl("web-bff"));
    await expect(page.getByText("A viewer was here.")).toHaveCount(0);
  });
});
