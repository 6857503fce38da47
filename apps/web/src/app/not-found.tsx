import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <div className="panel">
      <h1>Page not found</h1>
      <p>There is nothing at this address. Entities live under <code>/catalog/&lt;kind&gt;/&lt;namespace&gt;/&lt;name&gt;</code>.</p>
      <p>
        <Link href="/">Back to the catalog</Link>
      </p>
    </div>
  );
}
