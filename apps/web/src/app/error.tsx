"use client";

import { FailurePanel } from "@/components/failure-panel";

export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <>
      <title>Error · Cartograph</title>
      <FailurePanel error={error} retry={retry} />
    </>
  );
}
