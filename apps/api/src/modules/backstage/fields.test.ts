import { describe, expect, it } from "vitest";
import { parseFields, pick } from "./fields.ts";

const entity = {
  kind: "Component",
  metadata: { name: "a", annotations: { "backstage.io/techdocs-ref": "dir:.", "backstage.io": "short" }, tags: ["x"] },
  spec: { type: "service" },
};

describe("fields", () => {
  it("reads comma-joined and repeated values, and refuses indexing", () => {
    expect(parseFields(["kind,metadata.name", " spec "])).toEqual(["kind", "metadata.name", "spec"]);
    expect(parseFields([""])).toBeUndefined();
    expect(() => parseFields(["metadata.tags[0]"])).toThrow(/array indexing/);
  });

  it.each([
    [["kind", "metadata.name"], { kind: "Component", metadata: { name: "a" } }],
    [["metadata.annotations.backstage.io/techdocs-ref"], { metadata: { annotations: { "backstage.io/techdocs-ref": "dir:." } } }],
    [["metadata.annotations.backstage.io"], { metadata: { annotations: { "backstage.io": "short" } } }],
    [["metadata.tags", "spec"], { metadata: { tags: ["x"] }, spec: { type: "service" } }],
    [["metadata.nope", "nope.deeper"], {}],
  ])("keeps %j", (fields, expected) => {
    expect(pick(entity, fields)).toEqual(expected);
  });

  it("keeps everything without fields", () => {
    expect(pick(entity, undefined)).toBe(entity);
  });
});
