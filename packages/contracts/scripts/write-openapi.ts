// `npm run openapi`: writes the API's OpenAPI document to docs/openapi.json, where it is committed.
// openapi.test.ts fails while the committed copy differs from what the contracts generate.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { renderOpenApiJson } from "../src/openapi.ts";

const target = fileURLToPath(new URL("../../../docs/openapi.json", import.meta.url));
writeFileSync(target, renderOpenApiJson());
console.log(`wrote ${target}`);
