import { describe, expect, it } from "vitest";
import { parseOpenApi } from "./openapi";

const doc = `
openapi: 3.0.3
info: { title: Orders, version: 2.1.0, description: Orders of parcels. }
servers: [{ url: "https://api.example/v2", description: Production }]
tags: [{ name: orders, description: Order lifecycle }]
components:
  parameters:
    OrderId: { name: id, in: path, required: true, schema: { type: string, format: uuid } }
paths:
  /orders/{id}:
    parameters: [{ $ref: "#/components/parameters/OrderId" }]
    get:
      tags: [orders]
      summary: Read an order
      parameters: [{ name: expand, in: query, schema: { type: array, items: { type: string } } }]
      responses:
        "200": { description: The order, content: { application/json: {} } }
        "404": { description: No such order }
    delete:
      summary: Cancel an order
      deprecated: true
      responses: { "204": { description: Cancelled } }
  /orders:
    post:
      tags: [orders]
      requestBody: { required: true, content: { application/json: {} } }
      responses: { "201": { description: Created } }
`;

describe("parseOpenApi", () => {
  it("reads info, servers and operations grouped by tag", () => {
    const result = parseOpenApi(doc);
    if (!result.ok) throw new Error(result.reason);
    const { doc: view } = result;
    expect(view).toMatchObject({ specVersion: "3.0.3", title: "Orders", version: "2.1.0", description: "Orders of parcels.", operationCount: 3 });
    expect(view.servers).toEqual([{ url: "https://api.example/v2", description: "Production" }]);
    expect(view.groups.map((g) => [g.tag, g.operations.map((o) => `${o.method} ${o.path}`)])).toEqual([
      ["orders", ["get /orders/{id}", "post /orders"]],
      ["Other operations", ["delete /orders/{id}"]],
    ]);
    const read = view.groups[0]!.operations[0]!;
    expect(read.parameters).toEqual([
      { name: "id", in: "path", required: true, type: "string (uuid)", description: undefined },
      { name: "expand", in: "query", required: false, type: "string[]", description: undefined },
    ]);
    expect(read.responses).toEqual([
      { status: "200", description: "The order", contentTypes: ["application/json"] },
      { status: "404", description: "No such order", contentTypes: [] },
    ]);
    expect(view.groups[0]!.operations[1]!.requestBody).toEqual({ description: undefined, required: true, contentTypes: ["application/json"] });
    expect(view.groups[1]!.operations[0]!.deprecated).toBe(true);
  });

  it("reads JSON too", () => {
    const result = parseOpenApi(JSON.stringify({ openapi: "3.1.0", info: { title: "J" }, paths: { "/a": { get: {} } } }));
    expect(result.ok && result.doc.operationCount).toBe(1);
  });

  it.each([
    ["openapi: [unclosed", /not valid YAML or JSON/],
    ["just text", /not a YAML or JSON object/],
    ["info: { title: x }", /no openapi/],
    ["openapi: 3.0.0\npaths: [1, 2]", /paths member is not an object/],
  ])("refuses %j", (text, reason) => {
    const result = parseOpenApi(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it("ignores malformed members instead of failing", () => {
    const result = parseOpenApi("openapi: 3.0.0\nservers: [5, {url: 7}]\npaths:\n  /x:\n    get: 5\n    post: { parameters: [1, {name: q}], responses: 3 }\n");
    expect(result.ok && result.doc.groups[0]!.operations).toEqual([
      expect.objectContaining({ method: "post", parameters: [], responses: [] }),
    ]);
  });
});
