import { describe, expect, it } from "vitest";
import { BUILTIN_KINDS, type BuiltinKind } from "./kinds.ts";
import { FULL, MINIMAL, SCAFFOLDER, V1, withFields } from "./test-fixtures.ts";
import { validateDescriptor } from "./validate.ts";

const component = MINIMAL.Component;
const meta = (metadata: Record<string, unknown>) => withFields(component, { metadata });
const spec = (kind: BuiltinKind, fields: Record<string, unknown>) => withFields(MINIMAL[kind], { spec: fields });
const root = (fields: Record<string, unknown>) => withFields(component, { root: fields });

/** A copy of `input` without `spec.<field>` (or the root key when `field` has no dot). */
function without(input: object, field: string): object {
  const copy = structuredClone(input) as Record<string, Record<string, unknown>>;
  const [head, tail] = field.split(".") as [string, string | undefined];
  if (tail === undefined) delete copy[head];
  else delete copy[head]![tail];
  return copy;
}

function errorsOf(input: unknown, options?: { extraKinds?: string[] }) {
  const result = validateDescriptor(input, options);
  return result.ok ? [] : result.errors;
}
const pathsOf = (input: unknown, options?: { extraKinds?: string[] }) => errorsOf(input, options).map((e) => e.path);

describe("validateDescriptor: accepted descriptors", () => {
  it.each(BUILTIN_KINDS)("accepts a minimal %s and defaults its namespace", (kind) => {
    const result = validateDescriptor(MINIMAL[kind]);
    expect(result).toMatchObject({ ok: true, warnings: [] });
    if (result.ok) expect(result.entity.metadata.namespace).toBe("default");
  });

  it.each(BUILTIN_KINDS)("accepts a full %s and keeps every field", (kind) => {
    const result = validateDescriptor(FULL[kind]);
    expect(result.ok ? [] : result.errors).toEqual([]);
    if (!result.ok) return;
    expect(result.entity.metadata).toEqual(FULL[kind].metadata);
    expect(Object.keys(result.entity.spec).sort()).toEqual(Object.keys(FULL[kind].spec ?? {}).sort());
  });

  it("accepts both backstage.io apiVersions for built-in kinds", () => {
    expect(validateDescriptor({ ...component, apiVersion: "backstage.io/v1beta1" }).ok).toBe(true);
  });

  it("returns only the four root fields, with the spec's lists of references sorted as Backstage does", () => {
    const result = validateDescriptor(FULL.Component);
    if (!result.ok) throw new Error("expected a valid entity");
    expect(Object.keys(result.entity)).toEqual(["apiVersion", "kind", "metadata", "spec"]);
    expect(result.entity.spec.dependsOn).toEqual(["component:ledger", "resource:payments-db"]);
    expect(result.entity.spec.providesApis).toEqual(["api:shared/refunds", "payments-api"]);
    expect(FULL.Component.spec?.dependsOn).toEqual(["resource:payments-db", "component:ledger"]);
  });

  it("sorts Group and User membership lists but leaves non-reference lists alone", () => {
    const group = validateDescriptor(FULL.Group);
    const location = validateDescriptor(FULL.Location);
    expect(group.ok && group.entity.spec.members).toEqual(["alice", "bob"]);
    expect(group.ok && group.entity.spec.children).toEqual(["team-a-data", "team-a-web"]);
    expect(location.ok && location.entity.spec.targets).toEqual(["./b.yaml", "./a.yaml"]);
  });

  it("drops the output-only metadata fields of a served entity, so a GET can be sent back", () => {
    const served = meta({ uid: "0f7c", etag: "abc", createdAt: "2024-01-01T00:00:00Z", updatedAt: "2024-01-02T00:00:00Z" });
    const result = validateDescriptor(served);
    expect(result.ok && result.entity.metadata).toEqual({ name: "component-x", namespace: "default" });
  });
});

describe("validateDescriptor: rejected descriptors", () => {
  const REQUIRED: Record<BuiltinKind, string[]> = {
    Component: ["type", "lifecycle", "owner"],
    API: ["type", "lifecycle", "owner", "definition"],
    Resource: ["type", "owner"],
    System: ["owner"],
    Domain: ["owner"],
    Group: ["type", "children"],
    User: ["memberOf"],
    Location: [],
    Template: ["type", "steps"],
  };
  const missing = BUILTIN_KINDS.flatMap((kind) =>
    ["apiVersion", "kind", "metadata", "spec", "metadata.name", ...REQUIRED[kind].map((f) => `spec.${f}`)].map(
      (field) => [kind, field] as const,
    ),
  );

  it.each(missing)("%s without %s", (kind, field) => {
    const errors = errorsOf(without(MINIMAL[kind], field));
    expect(errors.map((e) => e.path)).toEqual([field]);
    expect(errors[0]?.message).toMatch(/required/);
  });

  it.each([
    // metadata.name: Backstage's isValidEntityName
    ["a name starting with '-'", meta({ name: "-x" }), "metadata.name"],
    ["a name ending with '.'", meta({ name: "x." }), "metadata.name"],
    ["a 64-character name", meta({ name: "a".repeat(64) }), "metadata.name"],
    ["a name with a space", meta({ name: "my service" }), "metadata.name"],
    ["an empty name", meta({ name: "" }), "metadata.name"],
    ["a numeric name", meta({ name: 42 }), "metadata.name"],
    // metadata.namespace: a DNS label
    ["an upper-case namespace", meta({ namespace: "Ops" }), "metadata.namespace"],
    ["a namespace with '_'", meta({ namespace: "a_b" }), "metadata.namespace"],
    ["an empty namespace", meta({ namespace: "" }), "metadata.namespace"],
    // labels and annotations
    ["a label key with a space", meta({ labels: { "bad key": "x" } }), 'metadata.labels["bad key"]'],
    ["a label key with an upper-case prefix", meta({ labels: { "Example.com/x": "y" } }), 'metadata.labels["Example.com/x"]'],
    ["a label value with a space", meta({ labels: { tier: "a b" } }), "metadata.labels.tier"],
    ["a numeric label value", meta({ labels: { tier: 1 } }), "metadata.labels.tier"],
    ["labels that are not a map", meta({ labels: ["tier"] }), "metadata.labels"],
    ["an annotation key with two slashes", meta({ annotations: { "a.io/b/c": "x" } }), 'metadata.annotations["a.io/b/c"]'],
    ["a numeric annotation", meta({ annotations: { "a.io/x": 3 } }), 'metadata.annotations["a.io/x"]'],
    ["a boolean annotation", meta({ annotations: { "a.io/x": true } }), 'metadata.annotations["a.io/x"]'],
    // tags
    ["a tag with a space", meta({ tags: ["ok", "not ok"] }), "metadata.tags[1]"],
    ["an upper-case tag", meta({ tags: ["Java"] }), "metadata.tags[0]"],
    ["a tag with a double '-'", meta({ tags: ["a--b"] }), "metadata.tags[0]"],
    ["an empty tag", meta({ tags: [""] }), "metadata.tags[0]"],
    ["tags as a string", meta({ tags: "java" }), "metadata.tags"],
    // links
    ["a relative link url", meta({ links: [{ url: "/docs" }] }), "metadata.links[0].url"],
    ["a link without url", meta({ links: [{ title: "Docs" }] }), "metadata.links[0].url"],
    ["a blank link title", meta({ links: [{ url: "https://x.io", title: "  " }] }), "metadata.links[0].title"],
    ["a blank link icon", meta({ links: [{ url: "https://x.io", icon: " " }] }), "metadata.links[0].icon"],
    ["an empty link type", meta({ links: [{ url: "https://x.io", type: "" }] }), "metadata.links[0].type"],
    ["a link that is a string", meta({ links: ["https://x.io"] }), "metadata.links[0]"],
    // title and description
    ["an empty title", meta({ title: "" }), "metadata.title"],
    ["a numeric description", meta({ description: 5 }), "metadata.description"],
    ["metadata that is a string", { ...component, metadata: "payments" }, "metadata"],
    // apiVersion
    ["an unknown backstage.io apiVersion", root({ apiVersion: "backstage.io/v1" }), "apiVersion"],
    ["a foreign apiVersion", root({ apiVersion: "example.com/v1" }), "apiVersion"],
    ["a scaffolder apiVersion on a Component", root({ apiVersion: SCAFFOLDER }), "apiVersion"],
    ["a backstage.io apiVersion on a Template", { ...MINIMAL.Template, apiVersion: V1 }, "apiVersion"],
    // kind
    ["kind in the wrong case", root({ kind: "component" }), "kind"],
    ["an unknown kind", root({ kind: "Widget" }), "kind"],
    ["an empty kind", root({ kind: "" }), "kind"],
    ["a kind with a '-'", root({ kind: "my-kind" }), "kind"],
    ["a numeric kind", root({ kind: 3 }), "kind"],
    // root keys
    ["output-only relations", root({ relations: [] }), "relations"],
    ["output-only status", root({ status: {} }), "status"],
    ["a root key in the wrong case", root({ Spec: {} }), "Spec"],
    ["description at the root", root({ description: "x" }), "description"],
    // references
    ["dependsOn without a kind", spec("Component", { dependsOn: ["orders-db"] }), "spec.dependsOn[0]"],
    ["dependencyOf without a kind", spec("Resource", { dependencyOf: ["web"] }), "spec.dependencyOf[0]"],
    ["a ref with an empty name", spec("Component", { dependsOn: ["resource:db", "component:"] }), "spec.dependsOn[1]"],
    ["a ref with an empty namespace", spec("Component", { system: "/x" }), "spec.system"],
    ["a ref with an empty namespace after the kind", spec("Component", { subcomponentOf: "component:/x" }), "spec.subcomponentOf"],
    ["a ref ending with '/'", spec("Group", { children: ["group:ops/"] }), "spec.children[0]"],
    ["an empty owner", spec("Component", { owner: "" }), "spec.owner"],
    ["a numeric owner", spec("System", { owner: 7 }), "spec.owner"],
    ["dependsOn as a single string", spec("Component", { dependsOn: "resource:db" }), "spec.dependsOn"],
    ["dependencyOf as a single string", spec("Component", { dependencyOf: "component:web" }), "spec.dependencyOf"],
    ["a numeric member", spec("Group", { members: ["alice", 5] }), "spec.members[1]"],
    ["an empty providesApis entry", spec("Component", { providesApis: [""] }), "spec.providesApis[0]"],
    ["memberOf as a string", spec("User", { memberOf: "team-a" }), "spec.memberOf"],
    ["an empty domain", spec("System", { domain: "" }), "spec.domain"],
    ["a subdomainOf with an empty kind", spec("Domain", { subdomainOf: ":x" }), "spec.subdomainOf"],
    // other spec fields
    ["an empty type", spec("Component", { type: "" }), "spec.type"],
    ["a numeric lifecycle", spec("API", { lifecycle: 1 }), "spec.lifecycle"],
    ["an empty definition", spec("API", { definition: "" }), "spec.definition"],
    ["a definition that is an object", spec("API", { definition: { openapi: "3.0.0" } }), "spec.definition"],
    ["an unknown placeholder", spec("API", { definition: { $ref: "./openapi.yaml" } }), "spec.definition"],
    ["a placeholder with a second key", spec("API", { definition: { $text: "./a.yaml", extra: 1 } }), "spec.definition"],
    ["a placeholder with an empty target", spec("API", { definition: { $text: "" } }), "spec.definition"],
    ["a placeholder in a reference field", spec("API", { owner: { $text: "./owner.txt" } }), "spec.owner"],
    ["an empty profile displayName", spec("Group", { profile: { displayName: "" } }), "spec.profile.displayName"],
    ["a profile that is a string", spec("User", { profile: "alice" }), "spec.profile"],
    ["an unknown location presence", spec("Location", { presence: "maybe" }), "spec.presence"],
    ["location targets as a string", spec("Location", { targets: "./a.yaml" }), "spec.targets"],
    ["an empty location target", spec("Location", { target: "" }), "spec.target"],
    ["a system type that is empty", spec("System", { type: "" }), "spec.type"],
    ["spec as a list", { ...component, spec: [] }, "spec"],
    ["a template step without action", spec("Template", { steps: [{ id: "x" }] }), "spec.steps[0].action"],
    ["a template step condition that is a number", spec("Template", { steps: [{ action: "x", if: 1 }] }), "spec.steps[0].if"],
    ["template steps as an object", spec("Template", { steps: { action: "x" } }), "spec.steps"],
    ["template parameters as a string", spec("Template", { parameters: "name" }), "spec.parameters"],
    ["an empty template owner", spec("Template", { owner: "" }), "spec.owner"],
  ])("rejects %s", (_case, input, path) => {
    expect(pathsOf(input)).toEqual([path]);
  });

  it.each([
    ["null", null],
    ["a list", [component]],
    ["a string", "kind: Component"],
  ])("rejects a document that is %s", (_case, input) => {
    expect(pathsOf(input)).toEqual(["(root)"]);
  });

  it("reports every problem, not only the first", () => {
    expect(pathsOf({ apiVersion: "x", kind: "Component", metadata: { name: "" }, spec: {} })).toEqual([
      "apiVersion",
      "metadata.name",
      "spec.type",
      "spec.lifecycle",
      "spec.owner",
    ]);
  });

  it("checks the envelope and metadata of an unknown kind too", () => {
    expect(pathsOf({ apiVersion: "nope nope", kind: "Widget", metadata: { name: "-x" }, status: {} })).toEqual([
      "apiVersion",
      "kind",
      "metadata.name",
      "status",
    ]);
  });

  it.each([
    ["Api", 'kind "Api" is not a known kind; did you mean "API"?'],
    ["component", 'kind "component" is not a known kind; did you mean "Component"?'],
    ["Widget", 'kind "Widget" is not a known kind; allowed are API, Component, Domain, Group, Location, Resource, System, Template, User'],
  ])("says which kinds exist when given %s", (kind, message) => {
    expect(errorsOf(root({ kind }))).toEqual([{ path: "kind", message }]);
  });

  it("says what the spec needs when it is missing", () => {
    expect(errorsOf(without(MINIMAL.API, "spec"))).toEqual([
      { path: "spec", message: "spec is required: an object with type, lifecycle, owner and definition" },
    ]);
  });

  it("explains a reference that needs a kind", () => {
    expect(errorsOf(spec("Component", { dependsOn: ["orders-db"] }))[0]?.message).toBe(
      '"orders-db" needs a kind, such as "component:orders-db" or "resource:orders-db": this field has no default kind',
    );
  });

  it("names the foreign root field and says relations are output only", () => {
    expect(errorsOf(root({ relations: [] }))[0]?.message).toBe(
      "unknown root field relations; allowed are apiVersion, kind, metadata, spec (relations is written by the catalog)",
    );
  });
});

describe("validateDescriptor: extra kinds", () => {
  const widget = { apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w", namespace: "ops" }, spec: { anything: [1, { deep: true }] } };

  it("accepts a listed kind with any spec, checking only the envelope and metadata", () => {
    expect(validateDescriptor(widget, { extraKinds: ["Widget"] })).toEqual({ ok: true, entity: widget, warnings: [] });
  });

  it("gives a listed kind without spec an empty one", () => {
    const result = validateDescriptor(without(widget, "spec"), { extraKinds: ["Widget"] });
    expect(result.ok && result.entity.spec).toEqual({});
  });

  it.each([
    ["a bad name", { ...widget, metadata: { name: "-w" } }, "metadata.name"],
    ["a malformed apiVersion", { ...widget, apiVersion: "a/b/c" }, "apiVersion"],
    ["a spec that is not an object", { ...widget, spec: "x" }, "spec"],
    ["a foreign root field", { ...widget, relations: [] }, "relations"],
  ])("still rejects %s", (_case, input, path) => {
    expect(pathsOf(input, { extraKinds: ["Widget"] })).toEqual([path]);
  });

  it("matches the exact spelling, and suggests it", () => {
    expect(errorsOf({ ...widget, kind: "widget" }, { extraKinds: ["Widget"] })).toEqual([
      { path: "kind", message: 'kind "widget" is not a known kind; did you mean "Widget"?' },
    ]);
  });

  it("does not relax a built-in kind listed as extra", () => {
    expect(pathsOf(without(component, "spec"), { extraKinds: ["Component"] })).toEqual(["spec"]);
  });
});

describe("validateDescriptor: placeholders", () => {
  const api = (definition: unknown) => spec("API", { definition });

  it.each(["$text", "$json", "$yaml"])("keeps a %s definition as written and warns that it is unresolved", (key) => {
    const result = validateDescriptor(api({ [key]: "./openapi.yaml" }));
    expect(result).toEqual({
      ok: true,
      entity: expect.objectContaining({ spec: expect.objectContaining({ definition: { [key]: "./openapi.yaml" } }) }),
      warnings: [
        {
          path: "spec.definition",
          message: `unresolved ${key} placeholder ./openapi.yaml: Cartograph never fetches URLs; supply the definition in a later ingest`,
        },
      ],
    });
  });

  it("warns about placeholders anywhere in the spec, with their paths", () => {
    const template = spec("Template", { parameters: [{ $json: "./form.json" }], extra: { schema: { $yaml: "https://x.io/s.yaml" } } });
    const result = validateDescriptor(template);
    expect(result.ok && result.warnings).toEqual([
      { path: "spec.parameters[0]", message: "unresolved $json placeholder ./form.json: Cartograph never fetches URLs; supply the value in a later ingest" },
      { path: "spec.extra.schema", message: "unresolved $yaml placeholder https://x.io/s.yaml: Cartograph never fetches URLs; supply the value in a later ingest" },
    ]);
  });

  it("explains why a placeholder cannot stand in for a reference", () => {
    expect(errorsOf(spec("API", { owner: { $text: "./owner.txt" } }))[0]?.message).toBe(
      'spec.owner cannot be a $text placeholder: Cartograph never fetches URLs, so write an entity reference such as "group:namespace/name" or "name" inline',
    );
  });

  it("does not treat an object with other keys as a placeholder", () => {
    const result = validateDescriptor(spec("Component", { extra: { $text: "./a", note: "two keys" } }));
    expect(result.ok && result.warnings).toEqual([]);
  });
});

describe("validateDescriptor: the kind table", () => {
  it("knows exactly the built-in kinds, spelled as Backstage spells them", () => {
    expect([...BUILTIN_KINDS].sort()).toEqual(["API", "Component", "Domain", "Group", "Location", "Resource", "System", "Template", "User"]);
  });
});
