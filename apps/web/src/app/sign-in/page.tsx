import type { Metadata } from "next";
import Link from "next/link";
import { getEnv } from "@/env";
import { safeNextPath } from "@/lib/safe-next";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

type SearchParams = Record<string, string | string[] | undefined>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;

const NOTICES: Record<string, string> = {
  expired: "Your session has ended. Sign in again to continue.",
  "signed-out": "You are signed out.",
  "signed-out-everywhere": "You are signed out on every device and browser.",
  "sign-out-incomplete":
    "You are signed out in this browser, but Cartograph's API could not be reached to end the session itself; it ends on its own when it expires.",
};

/** Renders without the API, so it also works while the API is down (signing in then says so). */
export default async function SignInPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const sp = await searchParams;
  const next = safeNextPath(first(sp.next)) ?? "/";
  const notice = NOTICES[first(sp.reason) ?? ""];

  return (
    <div className="narrow">
      <h1>Sign in to Cartograph</h1>
      {notice && (
        <p role="status" className="panel notice-info">
          {notice}
        </p>
      )}
      <div className="panel">
        <SignInForm next={next} />
      </div>
      {getEnv().ANONYMOUS_READ && (
        <p className="muted">
          You can also <Link href="/">browse the catalog without signing in</Link>.
        </p>
      )}
    </div>
  );
}
