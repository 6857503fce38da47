import { expect, test, uniqueName } from "../../fixtures.ts";
import { createEntity, entityTabs, entityUrl } from "../../support/entity.ts";

const OPENAPI = `openapi: 3.0.3
info:
  title: Parcel tracking
  version: 1.4.0
  description: Where a parcel is.
servers:
  - url: https://tracking.example/v1
tags:
  - name: parcels
paths:
  /parcels/{id}:
    get:
      tags: [parcels]
      summary: Track a parcel
      parameters:
        - { name: id, in: path, required: true, schema: { type: string } }
      responses:
        "200": { description: Where it is, content: { application/json: {} } }
        "404": { description: Unknown parcel }
  /parcels:
    post:
      tags: [parcels]
      summary: Announce a parcel
      requestBody: { required: true, content: { application/json: {} } }
      responses:
        "201": { description: Announced }
`;

test.describe("Definition tab", () => {
  test("renders an OpenAPI definition's operations, grouped by tag", async ({ page, apiRequest }) => {
    const name = uniqueName("e2e-openapi");
    await createEntity(apiRequest, { kind: "API", metadata: { name }, spec: { type: "openapi", lifecycle: "production", owner: "team-checkout", definition: OPENAPI } });
    await page.goto(entityUrl("api", name));
    await entityTabs(page).getByRole("link", { name: "Definition" }).click();
    await expect(page.getByRole("heading", { level: 2, name: "Definition" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 3, name: /Parcel tracking/ })).toContainText("version 1.4.0");
    await expect(page.getByText("https://tracking.example/v1", { exact: true })).toBeVisible();

    const tag = page.getByRole("region", { name: /parcels/ });
    const track = tag.getByRole("article", { name: "GET /parcels/{id}" });
    await expect(track).toContainText("Track a parcel");
    await expect(track.getByRole("table").first().getByRole("row", { name: /id path string yes/ })).toBeVisible();
    await expect(track.getByRole("row", { name: /404 Unknown parcel/ })).toBeVisible();
    const announce = tag.getByRole("article", { name: "POST /parcels" });
    await expect(announce).toContainText("Required, as application/json");
  });

  test("an unresolved $text placeholder says the definition is not supplied yet", async ({ page }) => {
    await page.goto(entityUrl("api", "partner-api", "definition"));
    const note = page.getByRole("note", { name: "Definition not supplied yet" });
    await expect(note).toContainText("./openapi/partner.yaml");
    await expect(note.getByRole("link", { name: "edit this API" })).toHaveAttribute("href", "/catalog/api/default/partner-api/edit");
  });

  test("other definition types are shown as highlighted text; a malformed OpenAPI as written, with a notice", async ({ page, apiRequest }) => {
    await page.goto(entityUrl("api", "search-api", "definition"));
    const code = page.getByRole("region", { name: /Definition of search-api/ });
    await expect(code).toContainText("type Query {");
    await expect(code.locator("span", { hasText: /^type$/ })).toHaveCount(1);

    const name = uniqueName("e2e-bad-openapi");
    await createEntity(apiRequest, { kind: "API", metadata: { name }, spec: { type: "openapi", lifecycle: "production", owner: "team-checkout", definition: "openapi: [3.0\npaths: {" } });
    await page.goto(entityUrl("api", name, "definition"));
    await expect(page.getByRole("note")).toContainText("could not be read");
    await expect(page.getByRole("region", { name: new RegExp(`Definition of ${name}`) })).toContainText("paths: {");
  });

  test("a component has no Definition tab", async ({ page }) => {
    const res = await page.goto(entityUrl("component", "checkout-service", "definition"));
    expect(res?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 2, name: "Not found" })).toBeVisible();
  });
});
