import { expect, sessionFile, signInThroughPage, test, uniqueName } from "../../fixtures.ts";
import { changeEditorText, updateEntity, yamlEditor } from "../../support/edit.ts";

const entityUrl = (name: string) => `/catalog/component/default/${name}`;
const apiPath = (name: string) => `component/default/${name}`;
const about = (page: import("@playwright/test").Page) => page.getByRole("region", { name: "About" });

test.describe("live updates", () => {
  test.use({ signedInAs: "viewer" });

  test("an open entity page learns of a change made elsewhere and refreshes on request", async ({ page, api, apiRequest }) => {
    const name = uniqueName("e2e-live");
    await api.createComponent({ name, owner: "group:team-checkout", description: "Before." });
    await page.goto(entityUrl(name));
    await expect(about(page).getByText("Before.")).toBeVisible();
    const banner = page.getByTestId("live-updates");
    // The stream is open before the change is made (the page says nothing yet).
    await expect(banner).toHaveAttribute("data-live", "open");
    await expect(banner).toBeEmpty();

    await updateEntity(apiRequest, apiPath(name), (d) => (d.metadata.description = "After."));
    await expect(banner).toContainText("This entity was changed by");
    await expect(banner).toContainText("just now");
    await banner.getByRole("button", { name: "Refresh" }).click();
    await expect(about(page).getByText("After.")).toBeVisible();
    await expect(banner).toBeEmpty();
  });

  test("across two browsers: an editor's save reaches a page open elsewhere", async ({ page, api, apiRequest, browser, baseURL }) => {
    const name = uniqueName("e2e-live2");
    await api.createComponent({ name, owner: "group:team-checkout", description: "Seen by A." });
    await page.goto(entityUrl(name));
    const banner = page.getByTestId("live-updates");
    await expect(banner).toHaveAttribute("data-live", "open");
    await expect(banner).toBeEmpty();

    const editorContext = await browser.newContext({ baseURL, storageState: sessionFile("editor") });
    const b = await editorContext.newPage();
    await b.goto(`${entityUrl(name)}/edit`);
    await changeEditorText(b, (t) => t.replace("description: Seen by A.", "description: Changed by B."));
    await b.getByRole("button", { name: "Save" }).click();
    await expect(b).toHaveURL(/\?saved=1$/);
    // The header the edit page shared is re-rendered at B's version (its etag is what the live banner compares with)...
    const saved = await apiRequest.get(`/api/v1/entities/component/default/${name}`);
    await expect(b.getByTestId("live-updates")).toHaveAttribute("data-etag", (await saved.json()).metadata.etag);
    // ...so B's own page shows no banner for B's own save.
    await expect(b.getByTestId("live-updates")).toHaveAttribute("data-live", "open");
    await expect(b.getByTestId("live-updates")).toBeEmpty();
    await editorContext.close();

    await expect(banner).toContainText("This entity was changed by");
    await banner.getByRole("button", { name: "Refresh" }).click();
    await expect(about(page).getByText("Changed by B.")).toBeVisible();
  });

  test("a deleted entity is announced with a way back to Explore", async ({ page, api, apiRequest }) => {
    const name = uniqueName("e2e-live-del");
    await api.createComponent({ name, owner: "group:team-checkout" });
    await page.goto(entityUrl(name));
    const banner = page.getByTestId("live-updates");
    await expect(banner).toHaveAttribute("data-live", "open");
    await expect(banner).toBeEmpty();
    const current = await apiRequest.get(`/api/v1/entities/${apiPath(name)}`);
    const etag = (await current.json()).metadata.etag;
    expect((await apiRequest.delete(`/api/v1/entities/${apiPath(name)}`, { headers: { "if-match": `"${etag}"` } })).status()).toBe(204);
    await expect(banner).toContainText("This entity was deleted");
    await expect(banner.getByRole("link", { name: "Go to Explore" })).toHaveAttribute("href", "/");
  });

  test("leaving a page closes its stream to the API (which allows a caller 20 at once)", async ({ api, browser, baseURL }) => {
    test.setTimeout(90_000);
    // A fresh account: the API counts open streams per caller, and the demo sessions are shared.
    const who = await api.createAccount("viewer");
    const context = await browser.newContext({ baseURL });
    const page = await context.newPage();
    await page.goto("/sign-in");
    await signInThroughPage(page, who);
    await expect(page.getByRole("navigation", { name: "Account" })).toContainText(who.displayName);
    // Were streams left open upstream when a page goes, the 21st page would never go live.
    for (let visit = 1; visit <= 24; visit++) {
      await page.goto(entityUrl(visit % 2 ? "checkout-service" : "web-bff"));
      await expect(page.getByTestId("live-updates"), `visit ${visit}`).toHaveAttribute("data-live", "open");
    }
    await context.close();
  });

  test.describe("while editing", () => {
    test.use({ signedInAs: "editor" });

    test("the edit page warns in place and keeps the visitor's text", async ({ page, api, apiRequest }) => {
      const name = uniqueName("e2e-live-edit");
      await api.createComponent({ name, owner: "group:team-checkout", description: "Original." });
      await page.goto(`${entityUrl(name)}/edit`);
      await yamlEditor(page);
      await expect(page.getByRole("form", { name: "Edit descriptor" })).toHaveAttribute("data-live", "open");
      const mine = await changeEditorText(page, (t) => t.replace("description: Original.", "description: Mine, unsaved."));

      await updateEntity(apiRequest, apiPath(name), (d) => (d.metadata.description = "Theirs."));
      await expect(page.getByRole("status").filter({ hasText: "changed meanwhile" })).toContainText("saving will show you the difference");
      expect(await page.getByTestId("descriptor-value").inputValue()).toBe(mine);
    });
  });
});
