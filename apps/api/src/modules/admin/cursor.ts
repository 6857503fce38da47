import { BadRequestError } from "../../errors.ts";

/** Opaque page cursors: the keyset position, base64url-wrapped so clients do not build them. */
export const encodeCursor = (position: string) => Buffer.from(JSON.stringify({ p: position })).toString("base64url");

export function decodeCursor(cursor: string, isValid: (position: string) => boolean): string {
  try {
    const { p } = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as { p?: unknown };
    if (typeof p === "string" && isValid(p)) return p;
  } catch {
    // reported below
  }
  throw new BadRequestError("invalid_cursor", "The cursor is not valid; use the nextCursor of a previous page.", [
    { path: "cursor", message: "must be a nextCursor returned by this endpoint" },
  ]);
}
