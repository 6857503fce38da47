import {
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  DefaultNamespaceEntityPolicy,
  domainEntityV1alpha1Validator,
  EntityPolicies,
  FieldFormatEntityPolicy,
  groupEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
  NoForeignRootFieldsEntityPolicy,
  parseEntityRef,
  resourceEntityV1alpha1Validator,
  SchemaValidEntityPolicy,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
  type Entity,
} from "@backstage/catalog-model";
import { compileCatalogModel, defaultCatalogEntityModel } from "@backstage/catalog-model/alpha";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { validateDescriptor } from "./validate.ts";

// Differential test: validateDescriptor must give the same accept/reject verdict as Backstage's
// own pipeline for the eight backstage.io kinds.
//
// Left out, because there is nothing to compare against:
// - Template: its validator lives in @backstage/plugin-scaffolder-common, not installed here.
// - Placeholders: Backstage substitutes them (fetching files) before it validates, Cartograph
//   keeps them; comparing would mean re-implementing the substitution in the test.
// The deliberate differences are pinned by the last describe block instead.

// Backstage's pipeline, as the catalog backend builds it (CatalogBuilder.buildEntityPolicy):
// the entity policies, then the kind validators (BuiltinKindsEntityProcessor), then parsing every
// relation field (a ref that does not parse fails the entity).
const policies = EntityPolicies.allOf([
  new SchemaValidEntityPolicy(),
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
]);
const kindValidators = [
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  resourceEntityV1alpha1Validator,
  groupEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
  systemEntityV1alpha1Validator,
  domainEntityV1alpha1Validator,
];
// The relation fields come from Backstage's published model, not from our kind table.
const model = compileCatalogModel([defaultCatalogEntityModel]);

async function backstageAccepts(descriptor: unknown): Promise<boolean> {
  try {
    const entity = await policies.enforce(structuredClone(descriptor) as Entity);
    if (!entity) return false;
    let recognized = false;
    for (const validator of kindValidators) {
      // false: kind/apiVersion not this validator's; throws: its kind, invalid spec.
      if (await validator.check(entity)) {
        recognized = true;
        break;
      }
    }
    if (!recognized) return false;
    const kind = model.getKind({ kind: entity.kind, apiVersion: entity.apiVersion });
    for (const field of kind?.relationFields ?? []) {
      const value = (entity.spec as Record<string, unknown>)[field.path.replace(/^spec\./, "")];
      // The backend's emitter skips a falsy value and treats one value like a list of one.
      if (!value) continue;
      for (const target of [value].flat()) {
        parseEntityRef(target as string, { defaultKind: field.defaultKind, defaultNamespace: entity.metadata.namespace });
      }
    }
    return true;
  } catch {
    return false;
  }
}

// ---- descriptors. A run starts from a valid descriptor of the kind under test and applies zero
// to two faults; most runs have exactly one, so the verdict hinges on that one fault. Each value
// pool holds valid and invalid samples (plus arbitrary strings for names, refs and tags): valid
// descriptors draw only valid ones, faults mostly invalid ones. Checked by hand that breaking one
// rule in our schemas (a blank link icon, an unchecked members list, memberOf made optional...)
// fails this test in nearly every run.

const KINDS = ["Component", "API", "Resource", "System", "Domain", "Group", "User", "Location"] as const;
type Kind = (typeof KINDS)[number];
type Json = unknown;
type Pool = { valid: fc.Arbitrary<Json>; mixed: fc.Arbitrary<Json> };

function pool(valid: Json[], invalid: Json[], random = false): Pool {
  return {
    valid: fc.constantFrom(...valid),
    mixed: fc.oneof(
      { weight: 1, arbitrary: fc.constantFrom(...valid) },
      { weight: 3, arbitrary: fc.constantFrom(...invalid) },
      ...(random ? [{ weight: 1, arbitrary: fc.string({ maxLength: 10 }) }] : []),
    ),
  };
}
const listOf = (item: Pool): Pool => ({
  valid: fc.array(item.valid, { maxLength: 3 }),
  mixed: fc.array(item.mixed, { minLength: 1, maxLength: 3 }),
});
const recordOf = (fields: Record<string, Pool>): Pool => ({
  valid: fc.record(Object.fromEntries(Object.entries(fields).map(([k, p]) => [k, p.valid])), { requiredKeys: [] }),
  mixed: fc.record(Object.fromEntries(Object.entries(fields).map(([k, p]) => [k, p.mixed])), { requiredKeys: [] }),
});

const WRONG_TYPES: Json[] = [42, null, true, {}, [], ["x"], [""]];
const name = pool(["payments", "Payments_v2", "a", "a.b-c", "x1", "a".repeat(63)], ["-x", "x-", "has space", "", "a".repeat(64), 7], true);
const namespace = pool(["default", "ops", "team-a"], ["Ops", "a_b", "", "-x", null]);
const title = pool(["Payments", " "], ["", 1]);
const description = pool(["About it", ""], [5, null]);
const text = pool(["service", "production", " ", "x"], [""]);
const ref = pool(
  ["team-a", "group:team-a", "default/team-a", "user:default/alice", "Group:Ops/Team", "a:b:c"],
  ["component:", "/x", "a:/x", "ns/", ":x", ""],
  true,
);
const kindedRef = pool(["resource:orders-db", "component:default/web", "api:x"], ["orders-db", "default/x", "component:", "resource:/x", "", 3], true);
const labelKey = pool(["tier", "example.com/team", "a.b/c"], ["Bad Key", "Example.com/x", "a/b/c", "", "a".repeat(64)]);
const labelValue = pool(["gold", "", "Value_1.x"], ["a b", "-x", 5, true]);
const annotationValue = pool(["anything at all", "", "dir:."], [5, false, null]);
const tag = pool(["java", "c++", "team:a", "c#"], ["Java", "a--b", "", "not ok", 1], true);
const link = recordOf({
  url: pool(["https://example.com", "mailto:a@b.c"], ["/docs", "", 1]),
  title: pool(["Docs"], ["", " "]),
  icon: pool(["docs"], [" "]),
  type: pool(["doc", " "], [""]),
});
const profile = recordOf({ displayName: text, email: text, picture: text });

/** Per kind: a pool for each spec field, and which fields the kind requires. */
const SPECS: Record<Kind, { fields: Record<string, Pool>; required: string[] }> = {
  Component: {
    fields: {
      type: text,
      lifecycle: text,
      owner: ref,
      system: ref,
      subcomponentOf: ref,
      providesApis: listOf(ref),
      consumesApis: listOf(ref),
      dependsOn: listOf(kindedRef),
      dependencyOf: listOf(kindedRef),
    },
    required: ["type", "lifecycle", "owner"],
  },
  API: {
    fields: { type: text, lifecycle: text, owner: ref, definition: pool(["openapi: 3.0.0", " "], [""]), system: ref },
    required: ["type", "lifecycle", "owner", "definition"],
  },
  Resource: { fields: { type: text, owner: ref, system: ref, dependsOn: listOf(kindedRef), dependencyOf: listOf(kindedRef) }, required: ["type", "owner"] },
  System: { fields: { owner: ref, domain: ref, type: text }, required: ["owner"] },
  Domain: { fields: { owner: ref, subdomainOf: ref, type: text }, required: ["owner"] },
  Group: { fields: { type: text, children: listOf(ref), parent: ref, members: listOf(ref), profile }, required: ["type", "children"] },
  User: { fields: { memberOf: listOf(ref), profile }, required: ["memberOf"] },
  Location: {
    fields: { type: text, target: text, targets: listOf(text), presence: pool(["required", "optional"], ["maybe", "", 1]) },
    required: [],
  },
};

const validDescriptorOf = (kind: Kind) =>
  fc.record({
    apiVersion: fc.constantFrom("backstage.io/v1alpha1", "backstage.io/v1beta1"),
    kind: fc.constant<Json>(kind),
    metadata: fc.record(
      {
        name: name.valid,
        namespace: namespace.valid,
        title: title.valid,
        description: description.valid,
        labels: fc.dictionary(labelKey.valid as fc.Arbitrary<string>, labelValue.valid, { maxKeys: 2 }),
        annotations: fc.dictionary(labelKey.valid as fc.Arbitrary<string>, annotationValue.valid, { maxKeys: 2 }),
        tags: fc.array(tag.valid, { maxLength: 3 }),
        links: fc.array(link.valid.map((l) => ({ url: "https://example.com", ...(l as object) })), { maxLength: 2 }),
        extra: fc.constantFrom<Json>("kept", { nested: [1] }),
      },
      { requiredKeys: ["name"] },
    ),
    spec: fc.record<Record<string, Json>>(
      { ...Object.fromEntries(Object.entries(SPECS[kind].fields).map(([k, p]) => [k, p.valid])), extra: fc.constantFrom<Json>(1, "x", { nested: [true] }, null) },
      { requiredKeys: SPECS[kind].required },
    ),
  });

type Descriptor = Record<string, Json>;
type Fault = (d: Descriptor) => void;
const isObject = (value: unknown): value is Record<string, Json> => typeof value === "object" && value !== null && !Array.isArray(value);
/** Runs `change` on the object at `d[key]` when an earlier fault has not replaced or removed it. */
const inside = (key: string, change: (o: Record<string, Json>) => void): Fault => (d) => {
  const target = d[key];
  if (isObject(target)) change(target);
};

const faultsOf = (kind: Kind): fc.Arbitrary<Fault> => {
  const fields = SPECS[kind].fields;
  // Spec faults get the most weight: the kinds differ there. A spec value is replaced by one from
  // the field's own pool or by a value of the wrong type, half and half.
  const specFaults = [
    fc.constantFrom(...Object.keys(fields)).map((field): Fault => inside("spec", (s) => void delete s[field])),
    fc.constantFrom(...Object.keys(fields)).chain((field) =>
      fc.oneof(fields[field]!.mixed, fc.constantFrom(...WRONG_TYPES)).map((value): Fault => inside("spec", (s) => void (s[field] = structuredClone(value)))),
    ),
  ];
  return fc.oneof(
    { weight: 4, arbitrary: specFaults[0]! },
    { weight: 12, arbitrary: specFaults[1]! },
    fc.constantFrom("apiVersion", "kind", "metadata", "spec").map((key): Fault => (d) => void delete d[key]),
    fc.constantFrom("relations", "status", "Spec", "description").map((key): Fault => (d) => void (d[key] = key === "relations" ? [] : {})),
    fc.constantFrom<Json>("component", "Api", "COMPONENT", "Widget", "Template", 3, "").map((value): Fault => (d) => void (d.kind = value)),
    fc.constantFrom<Json>("backstage.io/v1beta2", "scaffolder.backstage.io/v1beta3", "v1", "", 1).map((value): Fault => (d) => void (d.apiVersion = value)),
    fc.constantFrom<Json>(null, [], "spec").map((value): Fault => (d) => void (d.spec = value)),
    fc.constantFrom<Json>("payments", []).map((value): Fault => (d) => void (d.metadata = value)),
    // metadata fields
    fc.constantFrom("name", "namespace", "title", "description").chain((field) =>
      ({ name, namespace, title, description })[field]!.mixed.map((value): Fault => inside("metadata", (m) => void (m[field] = value))),
    ),
    fc.constantFrom("name", "namespace", "title", "description", "labels", "tags", "links").map((field): Fault => inside("metadata", (m) => void delete m[field])),
    fc.tuple(labelKey.mixed, labelValue.mixed).map(([key, value]): Fault => inside("metadata", (m) => void (m.labels = { [String(key)]: value }))),
    fc.tuple(labelKey.mixed, annotationValue.mixed).map(([key, value]): Fault => inside("metadata", (m) => void (m.annotations = { [String(key)]: value }))),
    tag.mixed.map((value): Fault => inside("metadata", (m) => void (m.tags = ["java", value]))),
    link.mixed.map((value): Fault => inside("metadata", (m) => void (m.links = [value]))),
    fc.constantFrom<Json>("tier", ["tier"], null).map((value): Fault => inside("metadata", (m) => void (m.labels = value))),
    fc.constantFrom<Json>("java", [["java"]], {}).map((value): Fault => inside("metadata", (m) => void (m.tags = value))),
  );
};

const descriptorOf = (kind: Kind) =>
  fc
    .tuple(
      validDescriptorOf(kind),
      fc.oneof({ weight: 2, arbitrary: fc.constant([]) }, { weight: 5, arbitrary: fc.array(faultsOf(kind), { minLength: 1, maxLength: 1 }) }, { weight: 1, arbitrary: fc.array(faultsOf(kind), { minLength: 2, maxLength: 2 }) }),
    )
    .map(([base, faults]) => {
      const d = structuredClone(base) as Descriptor;
      for (const fault of faults) fault(d);
      return d;
    });

/**
 * Backstage accepts a Component or Resource `dependencyOf` that is not a list (its JSON schemas do
 * not declare the field, and the emitter skips falsy values and wraps a single one). The spec
 * (section b.2) types it ref[], like dependsOn, and Cartograph follows the spec.
 */
function looseDependencyOf(d: unknown): boolean {
  const spec = (d as { spec?: unknown }).spec;
  return typeof spec === "object" && spec !== null && "dependencyOf" in spec && !Array.isArray((spec as { dependencyOf: unknown }).dependencyOf);
}

describe("validateDescriptor agrees with Backstage's pipeline", () => {
  it.each(KINDS)("gives the same verdict for generated %s descriptors", async (kind) => {
    const verdicts = { accepted: 0, rejected: 0 };
    await fc.assert(
      fc.asyncProperty(descriptorOf(kind), async (d) => {
        fc.pre(!looseDependencyOf(d));
        const theirs = await backstageAccepts(d);
        const ours = validateDescriptor(structuredClone(d));
        verdicts[theirs ? "accepted" : "rejected"]++;
        expect({ descriptor: d, accepted: ours.ok, errors: ours.ok ? [] : ours.errors }).toMatchObject({ accepted: theirs });
      }),
      { numRuns: 300 },
    );
    // Both verdicts must be common, or the comparison says little.
    expect(verdicts.accepted).toBeGreaterThan(50);
    expect(verdicts.rejected).toBeGreaterThan(50);
  });
});

describe("known, deliberate differences from Backstage", () => {
  const component = {
    apiVersion: "backstage.io/v1alpha1",
    kind: "Component",
    metadata: { name: "web" },
    spec: { type: "website", lifecycle: "production", owner: "team-a" },
  };

  it.each([
    ["dependencyOf as a single string (the spec types it as a list)", { ...component, spec: { ...component.spec, dependencyOf: "component:api" } }, true, false],
    ["dependencyOf set to null (the spec types it as a list)", { ...component, spec: { ...component.spec, dependencyOf: null } }, true, false],
    ["a malformed output-only uid (dropped so a served entity round-trips)", { ...component, metadata: { name: "web", uid: 5 } }, false, true],
  ])("%s", async (_case, input, backstage, cartograph) => {
    expect(await backstageAccepts(input)).toBe(backstage);
    expect(validateDescriptor(input).ok).toBe(cartograph);
  });
});
