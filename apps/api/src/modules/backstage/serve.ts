import { catalogVersion, type Db, type EntityRecord } from "@cartograph/db";
import { jsonOf, servedAt, type ServedEntity } from "../entities/present.ts";
import { pick } from "./fields.ts";

/** One served entity as the catalog client receives it, as UTF-8 JSON: whole (encoded once per version), or cut down to `fields`. */
export const entityJson = (s: ServedEntity, fields: string[] | undefined): Buffer => (fields ? Buffer.from(JSON.stringify(pick(s.entity, fields))) : jsonOf(s));

/** Entities as the catalog client receives them: the API's served shape (relations, status), cut down to `fields`, as UTF-8 JSON. */
export async function serveJson(db: Db, records: EntityRecord[], fields: string[] | undefined): Promise<Buffer[]> {
  if (records.length === 0) return [];
  return (await servedAt(db, records, await catalogVersion(db))).map((s) => entityJson(s, fields));
}

const COMMA = Buffer.from(",");

/** `head`, the JSON values separated by commas, then `tail`, in one buffer (copying bytes; nothing is encoded again). */
export function jsonList(head: string, values: Buffer[], tail: string): Buffer {
  const parts: Buffer[] = [Buffer.from(head)];
  values.forEach((v, i) => parts.push(...(i > 0 ? [COMMA, v] : [v])));
  parts.push(Buffer.from(tail));
  return Buffer.concat(parts);
}

/** Backstage's own string form of a ref: the kind lower-cased, namespace and name as written. */
export const entityRefOf = (record: EntityRecord) => `${record.kind.toLowerCase()}:${record.namespace}/${record.name}`;
