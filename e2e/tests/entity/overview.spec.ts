import { expect, test, uniqueName } from "../../fixtures.ts";
import { createEntity, entityTabs, entityUrl } from "../../support/entity.ts";

test.describe("entity overview", () => {
  test("a seeded component: header, tabs, About, relations grouped by type, no problems", async ({ page }) => {
    await page.goto(entityUrl("component", "checkout-service"));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("checkout-service");
    await expect(page).toHaveTitle(/^checkout-service · Cartograph$/);
    const tabs = entityTabs(page);
    await expect(tabs.getByRole("link")).toHaveText(["Overview", "Graph", "YAML", "History"]);
    await expect(tabs.getByRole("link", { name: "Overview" })).toHaveAttribute("aria-current", "page");
    await expect(tabs.getByRole("link", { name: "Graph" })).toHaveAttribute("href", "/catalog/component/default/checkout-service/graph");

    // The header's owner links to the owner's page.
    await page.getByRole("main").getByRole("link", { name: "team-checkout" }).first().click();
    await expect(page).toHaveURL(/\/catalog\/group\/default\/team-checkout$/);
    await page.goBack();

    const relations = page.getByRole("region", { name: "Relations" });
    await expect(relations.getByRole("heading", { level: 3 })).toContainText([/Owned by/, /Part of/, /Provides API/, /Consumes API/, /Depends on/]);
    await expect(relations.getByRole("region", { name: /Provides API/ }).getByRole("link", { name: "orders-api" })).toHaveAttribute("href", "/catalog/api/default/orders-api");
    await expect(page.getByRole("region", { name: /Problems/ })).toContainText("No problems");
    await expect(page.getByText("not in the catalog")).toHaveCount(0);
  });

  test("each tab of a seeded entity renders under the same header, with its own heading and title", async ({ page }) => {
    await page.goto(entityUrl("api", "orders-api"));
    const tabs = entityTabs(page);
    for (const [tab, heading] of [
      ["Definition", "Definition"],
      ["YAML", "YAML"],
      ["History", "History"],
      ["Overview", "About"],
    ] as const) {
      await tabs.getByRole("link", { name: tab }).click();
      await expect(tabs.getByRole("link", { name: tab })).toHaveAttribute("aria-current", "page");
      await expect(page.getByRole("heading", { level: 2, name: heading, exact: true })).toBeVisible();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("orders-api");
      await expect(page).toHaveTitle(tab === "Overview" ? "orders-api · Cartograph" : `${tab} · orders-api · Cartograph`);
    }
    // The seed's own version: created from its descriptor file.
    await tabs.getByRole("link", { name: "History" }).click();
    await expect(page.getByRole("table", { name: "Versions of this entity" }).getByRole("row").last()).toContainText("demo/apis.yaml");
  });

  test("a dangling relation is shown as such and listed in Problems", async ({ page, apiRequest }) => {
    const name = uniqueName("e2e-dangling");
    const missing = uniqueName("e2e-missing");
    await createEntity(apiRequest, {
      kind: "Component",
      metadata: { name },
      spec: { type: "service", lifecycle: "experimental", owner: "group:team-checkout", dependsOn: [`component:${missing}`] },
    });
    await page.goto(entityUrl("component", name));

    const dependsOn = page.getByRole("region", { name: "Relations" }).getByRole("region", { name: /Depends on/ });
    await expect(dependsOn.getByText(`component:default/${missing}`)).toBeVisible();
    await expect(dependsOn.getByText("not in the catalog")).toBeVisible();
    await expect(dependsOn.getByRole("link")).toHaveCount(0);

    const problems = page.getByRole("list", { name: "Problems" }).getByRole("listitem");
    await expect(problems).toHaveCount(1);
    await expect(problems.first()).toContainText("Warning");
    await expect(problems.first()).toContainText(`dependsOn component:default/${missing}: no such entity in the catalog`);
  });

  test("a group page lists members, parent and child teams, and what it owns by kind", async ({ page }) => {
    await page.goto(entityUrl("group", "team-checkout"));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("team-checkout");
    const members = page.getByRole("region", { name: /Members/ });
    await expect(members.getByRole("link", { name: "bruno.okafor" })).toHaveAttribute("href", "/catalog/user/default/bruno.okafor");
    await expect(members.getByRole("link", { name: "luca.rossi" })).toBeVisible();
    const teams = page.getByRole("region", { name: "Teams" });
    await expect(teams.getByRole("link", { name: "commerce-eng" })).toBeVisible();

    const owned = page.getByRole("region", { name: /^Owns/ });
    await expect(owned.getByRole("heading", { level: 3 })).toContainText([/APIs \(\d+\)/, /Components \(\d+\)/, /Resources \(\d+\)/, /Systems \(\d+\)/]);
    await expect(owned.getByRole("region", { name: /Components/ }).getByRole("link", { name: "checkout-service" })).toBeVisible();
    await expect(owned.getByRole("region", { name: /APIs/ }).getByRole("link", { name: "orders-api" })).toBeVisible();
    await expect(owned.getByRole("link", { name: "Browse all in the catalog" })).toHaveAttribute("href", "/?owner=group%3Adefault%2Fteam-checkout");

    // A department: child teams, its own parent.
    await page.goto(entityUrl("group", "commerce-eng"));
    const childTeams = page.getByRole("region", { name: "Teams" });
    await expect(childTeams.getByRole("link", { name: "team-checkout" })).toBeVisible();
    await expect(childTeams.getByRole("link", { name: "team-web" })).toBeVisible();
    await expect(childTeams.getByRole("link", { name: "engineering" })).toBeVisible();
  });

  test("a group that owns more of a kind than shown links to the explore page for the rest", async ({ page, apiRequest }) => {
    const team = uniqueName("e2e-team");
    await createEntity(apiRequest, { kind: "Group", metadata: { name: team }, spec: { type: "team", children: [] } });
    for (let i = 0; i < 13; i++) {
      await createEntity(apiRequest, { kind: "Component", metadata: { name: `${team}-svc-${String(i).padStart(2, "0")}` }, spec: { type: "service", lifecycle: "production", owner: team } });
    }
    await page.goto(entityUrl("group", team));
    const components = page.getByRole("region", { name: /^Owns/ }).getByRole("region", { name: /Components/ });
    await expect(components.getByRole("heading")).toHaveText("Components (13)");
    await expect(components.getByRole("listitem")).toHaveCount(12);
    await expect(components.getByRole("link", { name: "Show all 13 components" })).toHaveAttribute("href", `/?owner=group%3Adefault%2F${team}&kind=component`);
  });

  test("a user page shows the profile, teams, and what they own directly and through their teams", async ({ page, apiRequest }) => {
    await page.goto(entityUrl("user", "bruno.okafor"));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("bruno.okafor");
    const about = page.getByRole("region", { name: "About" });
    await expect(about.getByText("bruno.okafor@northwind.example")).toBeVisible();
    await expect(about.getByText("Bruno Okafor")).toBeVisible();
    await expect(page.getByRole("region", { name: /^Teams/ }).getByRole("link", { name: "team-checkout" })).toBeVisible();
    const owned = page.getByRole("region", { name: /^Owns/ });
    await expect(owned.getByRole("region", { name: /Components/ }).getByRole("listitem").filter({ hasText: "checkout-service" })).toContainText("through team-checkout");

    // Owned directly: an entity whose owner is the user.
    const name = uniqueName("e2e-personal");
    await createEntity(apiRequest, { kind: "Component", metadata: { name }, spec: { type: "website", lifecycle: "experimental", owner: "user:bruno.okafor" } });
    await page.reload();
    const mine = owned.getByRole("region", { name: /Components/ }).getByRole("listitem").filter({ has: page.getByRole("link", { name, exact: true }) });
    await expect(mine).toHaveCount(1);
    await expect(mine).not.toContainText("through");
  });

  test("a system page has the Architecture tab; an API the Definition tab", async ({ page }) => {
    await page.goto(entityUrl("system", "checkout"));
    await expect(entityTabs(page).getByRole("link")).toHaveText(["Overview", "Graph", "Architecture", "YAML", "History"]);
    await expect(page.getByRole("region", { name: "Relations" }).getByRole("region", { name: /Has part/ }).getByRole("link", { name: "checkout-service" })).toBeVisible();
    await page.goto(entityUrl("api", "orders-api"));
    await expect(entityTabs(page).getByRole("link")).toHaveText(["Overview", "Graph", "Definition", "YAML", "History"]);
  });
});
