import type { Metadata } from "next";
import Link from "next/link";
import { getViewer } from "@/lib/api";
import { myGroups } from "@/lib/api-edit";
import { signInHref } from "@/lib/safe-next";
import { exampleDescriptor } from "./example";
import { RegisterForm } from "./register-form";
import styles from "./register.module.css";

export const metadata: Metadata = { title: "Register entities" };

// No loading.tsx on purpose: the header already waits for the viewer, so a streamed fallback
// would show for no time with JavaScript and forever without it (the no-script form must work).
export default async function RegisterPage() {
  const viewer = await getViewer();
  const mayRegister = viewer.state !== "anonymous" && !(viewer.state === "signed-in" && viewer.account.role === "viewer");
  const groups = mayRegister ? await myGroups() : [];

  return (
    <article aria-labelledby="register-title" className={styles.page}>
      <nav aria-label="Breadcrumb" className="muted">
        <Link href="/">Catalog</Link> / register
      </nav>
      <header className="page-header">
        <h1 id="register-title">Register entities</h1>
        <p className="muted">Add components, APIs, resources, systems and more from a descriptor file: paste it or upload it, preview, then register.</p>
      </header>
      {mayRegister ? (
        <RegisterForm example={exampleDescriptor(groups[0])} />
      ) : (
        <div className="panel notice-info" role="note">
          <h2 className={styles.flushHeading}>You can't register entities</h2>
          {viewer.state === "anonymous" ? (
            <p>
              Registering changes the catalog, so it needs an account. <Link href={signInHref("/register")}>Sign in</Link> with an editor or admin account.
            </p>
          ) : (
            <p>
              Your account has the <strong>viewer</strong> role, which can read the catalog but not change it. Ask an administrator for the editor role;
              editors register entities owned by their teams.
            </p>
          )}
        </div>
      )}
    </article>
  );
}
