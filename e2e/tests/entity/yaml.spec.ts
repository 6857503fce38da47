import { readFile } from "node:fs/promises";
import { expect, test } from "../../fixtures.ts";
import { entityTabs, entityUrl } from "../../support/entity.ts";

test.describe("YAML tab", () => {
  test("shows the stored descriptor without what the catalog assigns, and copies it", async ({ page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.goto(entityUrl("component", "checkout-service"));
    await entityTabs(page).getByRole("link", { name: "YAML" }).click();
    await expect(page).toHaveURL(/\/checkout-service\/yaml$/);
    await expect(page.getByRole("heading", { level: 2, name: "YAML" })).toBeVisible();
    await expect(entityTabs(page).getByRole("link", { name: "YAML" })).toHaveAttribute("aria-current", "page");
    await expect(page).toHaveTitle(/^YAML · checkout-service · Cartograph$/);

    const code = page.getByRole("region", { name: "Descriptor of checkout-service as YAML" });
    await expect(code).toContainText("kind: Component");
    await expect(code).toContainText("owner: team-checkout");
    await expect(code).not.toContainText("etag");
    await expect(code).not.toContainText("uid:");

    await page.getByRole("button", { name: "Copy YAML" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Copied" })).toBeVisible();
    const copied = await page.evaluate<string>("navigator.clipboard.readText()");
    expect(copied).toMatch(/^apiVersion: backstage\.io\/v1alpha1\nkind: Component\nmetadata:\n  name: checkout-service\n/);
    expect(copied).toBe(`${(await code.textContent())!}`);
  });

  test("downloads the descriptor as <name>.yaml", async ({ page }) => {
    await page.goto(entityUrl("component", "checkout-service", "yaml"));
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download checkout-service.yaml" }).click()]);
    expect(download.suggestedFilename()).toBe("checkout-service.yaml");
    const content = await readFile((await download.path())!, "utf8");
    expect(content).toContain("name: checkout-service");
    expect(content).toContain("system: checkout");
    expect(content).not.toContain("etag");
  });

  test("the download of an unknown entity is a 404", async ({ page }) => {
    const res = await page.request.get(`${entityUrl("component", "does-not-exist", "yaml")}/download`);
    expect(res.status()).toBe(404);
  });
});
