"use client";

import { FailurePanel } from "@/components/failure-panel";
import "./globals.css";

// Replaces the root layout when that fails, so it brings its own document and styles.
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en">
      <body>
        <title>Error · Cartograph</title>
        <main id="main" className="container">
          <FailurePanel error={error} retry={retry} />
        </main>
      </body>
    </html>
  );
}
