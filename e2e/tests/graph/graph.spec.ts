import { expect, test, uniqueName } from "../../fixtures.ts";
import { component, apiEntity, diagramEdge, diagramNode, ingest, openLists, readyDiagram } from "../../support/graph.ts";

const graphUrl = (kind: string, name: string, search = "") => `/catalog/${kind}/default/${name}/graph${search}`;
const ref = (kind: string, name: string) => `${kind}:default/${name}`;

test.describe("graph tab", () => {
  test("the graph of a seeded component shows its neighbours and labelled edges", async ({ page }) => {
    const response = await page.goto(graphUrl("component", "checkout-service"));
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 2, name: "Graph" })).toBeVisible();
    const canvas = await readyDiagram(page);

    await expect(diagramNode(canvas, /^Component checkout-service \(this entity\)$/)).toBeVisible();
    await expect(diagramNode(canvas, "API orders-api")).toBeVisible();
    await expect(diagramNode(canvas, "Resource commerce-db")).toBeVisible();
    const service = ref("component", "checkout-service");
    await expect(diagramEdge(canvas, service, "provides API", ref("api", "orders-api"))).toHaveCount(1);
    await expect(diagramEdge(canvas, service, "consumes API", ref("api", "payments-api"))).toHaveCount(1);
    await expect(diagramEdge(canvas, service, "depends on", ref("resource", "commerce-db"))).toHaveCount(1);
    // The labels are drawn on the edges, and the legend explains them.
    await expect(canvas.getByText("provides API", { exact: true }).first()).toBeVisible();
    await expect(page.getByRole("list", { name: "Legend" }).getByText("depends on")).toBeVisible();
  });

  test("more depth adds the neighbours' neighbours; a relation filter removes edges", async ({ page, apiRequest }) => {
    const [a, b, c, api] = ["a", "b", "c", "api"].map((p) => uniqueName(`e2e-graph-${p}`)) as [string, string, string, string];
    await ingest(apiRequest, uniqueName("e2e-graph-depth"), [
      component(a, { dependsOn: [`component:${b}`], consumesApis: [api] }),
      component(b, { dependsOn: [`component:${c}`] }),
      component(c),
      apiEntity(api),
    ]);

    await page.goto(graphUrl("component", a));
    let canvas = await readyDiagram(page);
    await expect(diagramNode(canvas, `Component ${b}`)).toBeVisible();
    await expect(diagramNode(canvas, `Component ${c}`)).toHaveCount(0);

    await page.getByLabel("Depth").selectOption("2");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/depth=2/);
    canvas = await readyDiagram(page);
    await expect(diagramNode(canvas, `Component ${c}`)).toBeVisible();
    await expect(diagramEdge(canvas, ref("component", b), "depends on", ref("component", c))).toHaveCount(1);
    await expect(diagramEdge(canvas, ref("component", a), "consumes API", ref("api", api))).toHaveCount(1);

    // Only "depends on": the API and the consumes edge go, the dependency chain stays.
    await page.getByRole("checkbox", { name: "depends on" }).check();
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/relation=dependsOn/);
    canvas = await readyDiagram(page);
    await expect(diagramNode(canvas, `Component ${c}`)).toBeVisible();
    await expect(diagramEdge(canvas, ref("component", a), "consumes API", ref("api", api))).toHaveCount(0);
    await expect(diagramNode(canvas, `API ${api}`)).toHaveCount(0);
    await expect(diagramEdge(canvas, ref("component", a), "depends on", ref("component", b))).toHaveCount(1);

    // The view is in the URL: loading it afresh shows the same.
    await page.reload();
    canvas = await readyDiagram(page);
    await expect(page.getByRole("checkbox", { name: "depends on" })).toBeChecked();
    await expect(diagramNode(canvas, `API ${api}`)).toHaveCount(0);
  });

  test("clicking a node, or Enter on a focused one, opens that entity", async ({ page, apiRequest }) => {
    const [a, b, c] = ["a", "b", "c"].map((p) => uniqueName(`e2e-graph-nav-${p}`)) as [string, string, string];
    await ingest(apiRequest, uniqueName("e2e-graph-nav"), [component(a, { dependsOn: [`component:${b}`, `component:${c}`] }), component(b), component(c)]);

    await page.goto(graphUrl("component", a));
    let canvas = await readyDiagram(page);
    await diagramNode(canvas, `Component ${b}`).click();
    await expect(page).toHaveURL(new RegExp(`/catalog/component/default/${b}$`));

    await page.goto(graphUrl("component", a));
    canvas = await readyDiagram(page);
    await diagramNode(canvas, `Component ${c}`).focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`/catalog/component/default/${c}$`));
  });

  test("a dangling target is shown as not in catalog", async ({ page, apiRequest }) => {
    const [a, ghost] = [uniqueName("e2e-graph-dangling"), uniqueName("e2e-graph-ghost")];
    await ingest(apiRequest, uniqueName("e2e-graph-dangling"), [component(a, { dependsOn: [`component:${ghost}`] })]);

    await page.goto(graphUrl("component", a));
    const canvas = await readyDiagram(page);
    const node = diagramNode(canvas, `Component ${ghost}, not in catalog`);
    await expect(node).toBeVisible();
    await expect(node.getByText("not in catalog")).toBeVisible();
    const lists = await openLists(page);
    await expect(lists.getByRole("row", { name: new RegExp(ghost) })).toContainText("not in catalog");
  });

  test("a limit smaller than the neighbourhood shows how much was left out", async ({ page, apiRequest }) => {
    const hub = uniqueName("e2e-graph-hub");
    const leaves = Array.from({ length: 8 }, (_, i) => `${hub}-leaf-${i}`);
    await ingest(apiRequest, uniqueName("e2e-graph-hub"), [component(hub, { dependsOn: leaves.map((l) => `component:${l}`) }), ...leaves.map((l) => component(l))]);

    await page.goto(graphUrl("component", hub, "?limit=5"));
    const notice = page.getByTestId("graph-truncated");
    // The hub, its 8 dependencies and its owner are reachable; 5 are drawn.
    await expect(notice).toContainText("limited to 5 nodes");
    await expect(notice).toContainText("5 more nodes");
    await expect(notice).toContainText("more relations were reachable but are not shown");
    const canvas = await readyDiagram(page);
    await expect(canvas).toHaveAttribute("data-node-count", "5");

    await page.goto(graphUrl("component", hub));
    await readyDiagram(page);
    await expect(page.getByTestId("graph-truncated")).toHaveCount(0);
  });

  test("a neighbourhood of more than 150 nodes is drawn whole, each node on its side of the root, and stays clickable", async ({ page, apiRequest }) => {
    const hub = uniqueName("e2e-graph-big");
    const deps = Array.from({ length: 120 }, (_, i) => `${hub}-dep-${String(i).padStart(3, "0")}`);
    const users = Array.from({ length: 40 }, (_, i) => `${hub}-user-${String(i).padStart(3, "0")}`);
    await ingest(apiRequest, uniqueName("e2e-graph-big"), [
      component(hub, { dependsOn: deps.map((d) => `component:${d}`) }),
      ...deps.map((d) => component(d)),
      ...users.map((u) => component(u, { dependsOn: [`component:${hub}`] })),
    ]);

    await page.goto(graphUrl("component", hub));
    const canvas = await readyDiagram(page);
    // The hub, 160 neighbours and their owner group.
    await expect(canvas).toHaveAttribute("data-node-count", "162");
    await expect(canvas.locator(".react-flow__node")).toHaveCount(162);
    const edgeCount = Number(await canvas.getAttribute("data-edge-count"));
    // The 160 relations to the hub and its owner, plus the owner relations between neighbours the API returns.
    expect(edgeCount).toBeGreaterThanOrEqual(161);
    await expect(canvas.getByRole("img", { name: /^[a-z]+:default\/\S+ .+ [a-z]+:default\/\S+$/ })).toHaveCount(edgeCount);

    // Dependents left of the hub, dependencies right of it.
    const box = async (name: string | RegExp) => (await diagramNode(canvas, name).boundingBox())!;
    const root = await box(new RegExp(`^Component ${hub} \\(this entity\\)$`));
    expect((await box(`Component ${users[0]}`)).x).toBeLessThan(root.x);
    expect((await box(`Component ${deps[0]}`)).x).toBeGreaterThan(root.x);

    await diagramNode(canvas, `Component ${deps[7]}`).click();
    await expect(page).toHaveURL(new RegExp(`/catalog/component/default/${deps[7]}$`));
  });

  test("an entity without relations says so and what to add", async ({ page, apiRequest }) => {
    const lone = uniqueName("e2e-graph-lone");
    await ingest(apiRequest, uniqueName("e2e-graph-lone"), [component(lone)]);
    // Its owner is a relation; filtering on dependencies leaves it alone.
    await page.goto(graphUrl("component", lone, "?relation=dependsOn"));
    await expect(page.getByTestId("graph-empty")).toContainText("Nothing related");
    await page.getByRole("link", { name: "Show all relations" }).click();
    const canvas = await readyDiagram(page);
    await expect(diagramNode(canvas, /^Group team-e2e/)).toBeVisible();
  });

  test("the list alternative has the same nodes and relations as the drawing", async ({ page }) => {
    await page.goto(graphUrl("component", "checkout-service", "?depth=2"));
    const canvas = await readyDiagram(page);
    const nodeCount = Number(await canvas.getAttribute("data-node-count"));
    const edgeCount = Number(await canvas.getAttribute("data-edge-count"));
    expect(nodeCount).toBeGreaterThan(10);
    await expect(canvas.locator(".react-flow__node")).toHaveCount(nodeCount);
    await expect(canvas.getByRole("img", { name: /^[a-z]+:default\/\S+ .+ [a-z]+:default\/\S+$/ })).toHaveCount(edgeCount);

    const lists = await openLists(page);
    await expect(lists.getByRole("table").getByRole("row")).toHaveCount(nodeCount + 1);
    await expect(lists.getByRole("list").getByRole("listitem")).toHaveCount(edgeCount);
    await expect(lists.getByRole("listitem").filter({ hasText: /checkout-service\s*—provides API→\s*API\s*orders-api/ })).toHaveCount(1);
    // Every node in the list is a link to its page.
    await lists.getByRole("link", { name: "orders-api", exact: true }).click();
    await expect(page).toHaveURL(/\/catalog\/api\/default\/orders-api$/);
  });

  test("an unknown entity's graph is a 404", async ({ page }) => {
    const response = await page.goto(graphUrl("component", uniqueName("e2e-nope")));
    expect(response?.status()).toBe(404);
  });
});
