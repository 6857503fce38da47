import { connection } from "next/server";
import { isApiUp } from "@/lib/api";

const API_TIMEOUT_MS = 1_500;

/** Liveness of the web tier plus whether it can reach the API (the one thing it depends on). */
export async function GET(): Promise<Response> {
  await connection(); // never prerendered or cached
  const up = await isApiUp(API_TIMEOUT_MS);
  return Response.json(up ? { status: "ok", api: "up" } : { status: "degraded", api: "down" }, {
    status: up ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}
