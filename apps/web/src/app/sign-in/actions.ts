"use server";

import { SignInRequestSchema, type SessionResponse } from "@cartograph/contracts";
import { redirect } from "next/navigation";
import { ApiError, ApiUnavailableError, signIn } from "@/lib/api";
import { describeRetryAfter } from "@/lib/retry-after";
import { safeNextPath } from "@/lib/safe-next";
import { storeSession } from "@/lib/session";
import type { SignInState } from "./form-state";

const LABELS = { email: "Email", password: "Password" } as const;
type Field = keyof typeof LABELS;
const isField = (key: unknown): key is Field => key === "email" || key === "password";
const text = (value: FormDataEntryValue | null) => (typeof value === "string" ? value : "");

/** Checks the form with the API's own schema, asks the API, and keeps the session in a cookie. */
export async function signInAction(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const email = text(formData.get("email"));
  const next = safeNextPath(text(formData.get("next"))) ?? "/";
  const input = SignInRequestSchema.safeParse({ email, password: text(formData.get("password")) });
  if (!input.success) {
    return { email, fieldErrors: fieldErrors(input.error.issues.map((i) => ({ path: String(i.path[0] ?? ""), message: i.message }))) };
  }

  let session: SessionResponse;
  try {
    session = await signIn(input.data);
  } catch (error) {
    return { email, fieldErrors: error instanceof ApiError && error.status === 422 ? fieldErrors(error.errors) : {}, error: explain(error) };
  }
  await storeSession(session.token, session.expiresAt);
  redirect(next);
}

function fieldErrors(errors: { path: string; message: string }[]): SignInState["fieldErrors"] {
  const out: SignInState["fieldErrors"] = {};
  for (const { path, message } of errors) {
    if (isField(path) && !out[path]) out[path] = `${LABELS[path]} ${message}`;
  }
  return out;
}

function explain(error: unknown): string | undefined {
  if (error instanceof ApiUnavailableError) return "Cartograph can't reach its API right now, so nobody can sign in. Try again in a moment.";
  if (!(error instanceof ApiError)) throw error;
  // One message whether the email is unknown, the password wrong or the account disabled.
  if (error.status === 401) return "The email or password is not correct.";
  if (error.status === 429) {
    const when = describeRetryAfter(error.retryAfter, Date.now());
    return `Too many failed sign-in attempts. Signing in is locked for now; try again ${when ?? "later"}.`;
  }
  if (error.status === 422) return error.errors.some((e) => isField(e.path)) ? undefined : (error.detail ?? error.title);
  return `Signing in failed (HTTP ${error.status}). Try again; if it keeps failing, give this request id to whoever runs Cartograph: ${error.requestId}.`;
}
