"use client";

import { FailurePanel } from "@/components/failure-panel";

/** A tab that failed (its API call, most often): the entity's header and tabs stay, with the request id below. */
export default function EntityTabError({ error, retry }: { error: unknown; retry: () => void }) {
  return <FailurePanel error={error} retry={retry} />;
}
