import { jsonList } from "./serve.ts";
import type { Response } from "express";

/**
 * Writes a JSON document whose one array is filled chunk by chunk (items as UTF-8 JSON): `head`, the items, then the
 * `tail` that the filling returns. Nothing is sent before the first chunk, so a failure before
 * it (a bad filter, the first query) still gets a proper error response. Waits whenever the
 * client reads slower than the catalog is read.
 */
export async function streamJson<T>(
  res: Response,
  head: string,
  fill: (emit: (items: Buffer[]) => Promise<void>) => Promise<T>,
  tail: (result: T) => string,
): Promise<void> {
  let started = false;
  const write = async (chunk: Buffer) => {
    if (res.destroyed) throw new Error("the client went away");
    if (res.write(chunk)) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        res.off("drain", done).off("close", done);
        resolve();
      };
      res.on("drain", done).on("close", done);
    });
  };
  const result = await fill(async (items) => {
    if (items.length === 0) return;
    if (!started) res.type("json");
    await write(jsonList(started ? "," : head, items, ""));
    started = true;
  });
  if (!started) res.type("json");
  res.end(`${started ? "" : head}${tail(result)}`);
}
