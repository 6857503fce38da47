"use client";

import { FailurePanel } from "@/components/failure-panel";

export default function ArchitectureError({ error, retry }: { error: unknown; retry: () => void }) {
  return <FailurePanel error={error} retry={retry} />;
}
