import { redirect } from "next/navigation";
import type { NextRequest } from "next/server";
import { getViewer } from "@/lib/api";
import { signInHref } from "@/lib/safe-next";
import { clearSession } from "@/lib/session";

/**
 * Where a render goes when the API answers 401 for the visitor's session (a render cannot
 * delete cookies). The cookie is cleared only when the API confirms it is dead, so a link here
 * from another site cannot sign anyone out.
 */
export async function GET(request: NextRequest): Promise<never> {
  const viewer = await getViewer();
  if (viewer.state === "ended") await clearSession();
  redirect(signInHref(request.nextUrl.searchParams.get("next"), viewer.state === "ended" ? "expired" : undefined));
}
