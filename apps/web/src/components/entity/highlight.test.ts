import { describe, expect, it } from "vitest";
import { languageOf, tokenize, type DefinitionLanguage } from "./highlight";

const kinds = (text: string, language: DefinitionLanguage) => tokenize(text, language).filter((t) => t.kind && t.kind !== "punct").map((t) => [t.kind, t.text.trim()]);

describe("tokenize", () => {
  it.each<[DefinitionLanguage, string]>([
    ["yaml", "asyncapi: 2.6.0\n# comment\nchannels:\n  orders/created:\n    description: 'x' # y\n  - name: \"q\"\n"],
    ["json", '{ "a": [1, true, "s\\"t"], "b": null }'],
    ["graphql", 'type Query {\n  """doc"""\n  order(id: ID!): Order # c\n}\n'],
    ["proto", 'syntax = "proto3";\n/* block */\nservice Pricing { rpc Get(Req) returns (Res); } // end\n'],
  ])("%s: the tokens put back together are the text", (language, text) => {
    expect(tokenize(text, language).map((t) => t.text).join("")).toBe(text);
  });

  it("colours YAML keys, comments, strings and literals", () => {
    expect(kinds("openapi: 3.0.3\nport: 8080\n# note\npaths:\n  /orders:\n    deprecated: true\n    summary: 'Orders'\n", "yaml")).toEqual([
      ["key", "openapi"],
      ["key", "port"],
      ["number", "8080"],
      ["comment", "# note"],
      ["key", "paths"],
      ["key", "/orders"],
      ["key", "deprecated"],
      ["keyword", "true"],
      ["key", "summary"],
      ["string", "'Orders'"],
    ]);
  });

  it("leaves colons and dashes inside plain YAML values alone", () => {
    const tokens = tokenize("- url: https://a.example/x-y\n", "yaml");
    expect(tokens.filter((t) => t.kind === "punct").map((t) => t.text)).toEqual(["-", ":"]);
    expect(tokens.map((t) => t.text).join("")).toBe("- url: https://a.example/x-y\n");
  });

  it("colours GraphQL keywords and types, and proto keywords and types", () => {
    expect(kinds("type Query { ping: String }", "graphql")).toEqual([
      ["keyword", "type"],
      ["type", "Query"],
      ["type", "String"],
    ]);
    expect(kinds("service PricingApi { rpc Get(Req) returns (Res); }", "proto")).toEqual([
      ["keyword", "service"],
      ["type", "PricingApi"],
      ["keyword", "rpc"],
      ["type", "Get"],
      ["type", "Req"],
      ["keyword", "returns"],
      ["type", "Res"],
    ]);
  });
});

describe("languageOf", () => {
  it.each([
    ["graphql", "type Q {}", "graphql"],
    ["grpc", "syntax", "proto"],
    ["asyncapi", "asyncapi: 2.0.0", "yaml"],
    ["openapi", ' { "openapi": "3.0.0" }', "json"],
    [undefined, "x: 1", "yaml"],
  ])("%s → %s", (type, text, language) => expect(languageOf(type, text)).toBe(language));
});
