import Link from "next/link";
import { getViewer } from "@/lib/api";
import { signInHref } from "@/lib/safe-next";
import { currentPath } from "@/lib/session";
import { signOutAction, signOutEverywhereAction } from "./account-actions";

/** The header's account area: who is signed in and the ways out, or the way in. */
export async function AccountMenu() {
  const [viewer, path] = await Promise.all([getViewer(), currentPath()]);

  if (viewer.state === "signed-in" || viewer.state === "unknown") {
    const account = viewer.state === "signed-in" ? viewer.account : null;
    return (
      <nav aria-label="Account" className="account-menu">
        {account && (
          <p className="account-who">
            <span className="account-name">{account.displayName}</span>{" "}
            <span className="badge">
              <span className="visually-hidden">role </span>
              {account.role}
            </span>
          </p>
        )}
        <form action={signOutAction}>
          <button type="submit" className="button button-quiet">
            Sign out
          </button>
        </form>
        <form action={signOutEverywhereAction}>
          <button type="submit" className="button button-quiet">
            Sign out everywhere
          </button>
        </form>
      </nav>
    );
  }

  if (/^\/sign-in(?:[/?]|$)/.test(path)) return null;
  return (
    <nav aria-label="Account" className="account-menu">
      <Link href={signInHref(path)}>Sign in</Link>
    </nav>
  );
}
