import type { Page } from "@playwright/test";
import { expect, test, uniqueName } from "../../fixtures.ts";
import { createEntity, entityTabs, entityUrl, historyOf, replaceEntity, type Descriptor } from "../../support/entity.ts";

const component = (name: string, description: string, lifecycle = "experimental"): Descriptor => ({
  kind: "Component",
  metadata: { name, description },
  spec: { type: "service", lifecycle, owner: "group:team-checkout" },
});

const diffRows = (page: Page) => page.getByRole("region", { name: "Diff" }).getByRole("row");

test.describe("History tab", () => {
  test("lists each version with its author, and diffs the latest against its predecessor", async ({ page, apiRequest }) => {
    const name = uniqueName("e2e-history");
    const etag = await createEntity(apiRequest, component(name, "First version."));
    await replaceEntity(apiRequest, component(name, "Second version."), etag);
    const versions = await historyOf(apiRequest, "component", name);
    expect(versions.map((v) => v.version)).toEqual([2, 1]);

    await page.goto(entityUrl("component", name));
    await entityTabs(page).getByRole("link", { name: "History" }).click();
    await expect(page.getByRole("heading", { level: 2, name: "History" })).toBeVisible();
    const rows = page.getByRole("table", { name: "Versions of this entity" }).getByRole("row");
    await expect(rows).toHaveCount(3);
    await expect(rows.nth(1)).toContainText("Version 2");
    await expect(rows.nth(1)).toContainText("updated");
    await expect(rows.nth(1)).toContainText(versions[0]!.actor);
    await expect(rows.nth(2)).toContainText("Version 1");
    await expect(rows.nth(2)).toContainText("created");
    await expect(rows.nth(1).locator("time")).toHaveAttribute("datetime", /^\d{4}-\d\d-\d\dT/);

    await expect(page.getByText("From version 1 to version 2: 1 line added, 1 removed.")).toBeVisible();
    await expect(diffRows(page).filter({ hasText: "Removed" })).toHaveText([/−\s*Removed\s*description: First version\./]);
    await expect(diffRows(page).filter({ hasText: "Added" })).toHaveText([/\+\s*Added\s*description: Second version\./]);
    await expect(diffRows(page).filter({ hasText: "Unchanged" }).first()).toBeVisible();
  });

  test("compares two chosen versions", async ({ page, apiRequest }) => {
    const name = uniqueName("e2e-compare");
    let etag = await createEntity(apiRequest, component(name, "One."));
    etag = await replaceEntity(apiRequest, component(name, "Two."), etag);
    await replaceEntity(apiRequest, component(name, "Two.", "production"), etag);
    const [v3, , v1] = await historyOf(apiRequest, "component", name);

    await page.goto(entityUrl("component", name, "history"));
    // The default: version 3 against 2, only the lifecycle changed.
    await expect(diffRows(page).filter({ hasText: "Removed" })).toHaveText([/lifecycle: experimental/]);

    const form = page.getByRole("form", { name: "Choose versions to compare" });
    await form.getByLabel("From", { exact: true }).selectOption(v1!.id);
    await form.getByLabel("To", { exact: true }).selectOption(v3!.id);
    await form.getByRole("button", { name: "Compare" }).click();
    await expect(page).toHaveURL(/from=\d+&to=\d+/);
    await expect(page.getByText("From version 1 to version 3: 2 lines added, 2 removed.")).toBeVisible();
    await expect(diffRows(page).filter({ hasText: "Removed" })).toHaveText([/description: One\./, /lifecycle: experimental/]);
    await expect(diffRows(page).filter({ hasText: "Added" })).toHaveText([/description: Two\./, /lifecycle: production/]);

    // A link per version compares it with the one before.
    await page.getByRole("link", { name: "Compare with version 1" }).click();
    await expect(page.getByText("From version 1 to version 2: 1 line added, 1 removed.")).toBeVisible();
  });
});

test("pages through a long history with a cursor", async ({ page, apiRequest }) => {
  const name = uniqueName("e2e-long-history");
  let etag = await createEntity(apiRequest, component(name, "Version 1."));
  // One page holds 20 versions.
  for (let i = 2; i <= 22; i++) etag = await replaceEntity(apiRequest, component(name, `Version ${i}.`), etag);

  await page.goto(entityUrl("component", name, "history"));
  const versions = page.getByRole("table", { name: "Versions of this entity" }).getByRole("rowheader");
  await expect(versions).toHaveCount(20);
  await expect(versions.first()).toContainText("Version 22");
  await page.getByRole("navigation", { name: "History pages" }).getByRole("link", { name: "Older versions" }).click();
  await expect(page).toHaveURL(/cursor=/);
  await expect(versions).toHaveCount(2);
  await expect(versions.last()).toContainText("Version 1");
  await page.getByRole("link", { name: "Newest versions" }).click();
  await expect(versions.first()).toContainText("Version 22");
});

test("a tab whose API call fails keeps the entity's header and shows the request id", async ({ page }) => {
  await page.setExtraHTTPHeaders({ "x-request-id": "e2e-trace-bad-cursor" });
  await page.goto(`${entityUrl("component", "checkout-service", "history")}?cursor=not-a-cursor`);
  await expect(page.getByRole("heading", { level: 1, name: "checkout-service" })).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "Something went wrong" })).toContainText("HTTP 400");
  await expect(page.getByTestId("request-id")).toHaveText("e2e-trace-bad-cursor");
  await expect(page.getByRole("button", { name: "Try again" })).toBeVisible();
});
