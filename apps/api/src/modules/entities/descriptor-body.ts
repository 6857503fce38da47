import { parseAllDocuments } from "yaml";
import { BadRequestError, ValidationError } from "../../errors.ts";

export const YAML_TYPES = ["application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"];

/**
 * Reads one descriptor from a YAML text: multi-document files are refused here (bulk ingest is
 * a separate endpoint), merge keys are off as in Backstage, and alias expansion is bounded so a
 * "billion laughs" document fails fast.
 */
export function parseYamlDescriptor(text: string): unknown {
  const docs = parseAllDocuments(text, { merge: false, prettyErrors: true, uniqueKeys: true }).filter(
    (doc) => !("empty" in doc) && doc.contents !== null,
  );
  if (docs.length === 0) throw new BadRequestError("empty_body", "The request body holds no YAML document.");
  if (docs.length > 1) {
    throw new BadRequestError("multiple_documents", `The body holds ${docs.length} YAML documents; this endpoint takes exactly one.`);
  }
  const doc = docs[0]!;
  if (doc.errors.length > 0) {
    throw new ValidationError(
      "The YAML could not be parsed.",
      doc.errors.map((e) => ({
        path: e.linePos ? `line ${e.linePos[0].line}, column ${e.linePos[0].col}` : "(root)",
        message: e.message.split("\n")[0] ?? e.message,
      })),
      "invalid_yaml",
    );
  }
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new ValidationError("The YAML could not be read.", [{ path: "(root)", message: (error as Error).message }], "invalid_yaml");
  }
}
