"use server";

import { redirect } from "next/navigation";
import { ApiError, ApiUnavailableError, signOut } from "@/lib/api";
import { signInHref } from "@/lib/safe-next";
import { clearSession } from "@/lib/session";

export async function signOutAction(): Promise<void> {
  await endSession("this");
}

export async function signOutEverywhereAction(): Promise<void> {
  await endSession("everywhere");
}

/** Asks the API to end the session(s), then forgets the cookie whatever it said. */
async function endSession(scope: "this" | "everywhere"): Promise<never> {
  let reason = scope === "this" ? "signed-out" : "signed-out-everywhere";
  try {
    await signOut(scope);
  } catch (error) {
    if (!(error instanceof ApiError || error instanceof ApiUnavailableError)) throw error;
    console.error(`sign-out (${scope}) did not reach the API: ${error.message}`);
    reason = "sign-out-incomplete";
  }
  await clearSession();
  redirect(signInHref(null, reason));
}
