import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { isValidRequestId, REQUEST_ID_HEADER } from "@/lib/request-id";

export const metadata: Metadata = { title: "Page not found" };

export default async function NotFound() {
  const id = (await headers()).get(REQUEST_ID_HEADER);
  const requestId = isValidRequestId(id) ? id : null;
  return (
    <div className="panel">
      <h1>Page not found</h1>
      <p>There is nothing at this address. It may have been mistyped, or the page it pointed to has moved.</p>
      <ul className="plain-list">
        <li>
          Entities live under <code>/catalog/&lt;kind&gt;/&lt;namespace&gt;/&lt;name&gt;</code>, for example{" "}
          <code>/catalog/component/default/checkout-service</code>.
        </li>
        <li>To find something by name, owner or tag, search the catalog.</li>
      </ul>
      {requestId && (
        <p className="muted">
          Request id: <code data-testid="request-id">{requestId}</code>
        </p>
      )}
      <p>
        <Link href="/">Search the catalog</Link>
      </p>
    </div>
  );
}
