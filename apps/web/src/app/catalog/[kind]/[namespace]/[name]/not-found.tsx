import Link from "next/link";
import { LookedUpEntity } from "@/components/looked-up-entity";

export default function EntityNotFound() {
  return (
    <div className="panel">
      <h1>Entity not found</h1>
      <LookedUpEntity />
      <p>It may have been removed, or the link has a typo. Names are matched without regard to case.</p>
      <p>
        <Link href="/">Back to the catalog</Link>
      </p>
    </div>
  );
}
