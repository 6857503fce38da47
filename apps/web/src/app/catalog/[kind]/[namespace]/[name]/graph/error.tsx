"use client";

import { FailurePanel } from "@/components/failure-panel";

export default function GraphError({ error, retry }: { error: unknown; retry: () => void }) {
  return <FailurePanel error={error} retry={retry} />;
}
