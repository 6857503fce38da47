import Link from "next/link";

// The entity exists (the layout checked, and shows its header): what is missing is the sub-page,
// such as a version id from another entity, or the Definition tab of something that is not an API.
export default function EntitySubpageNotFound() {
  return (
    <section aria-labelledby="not-found-heading" className="panel">
      <h2 id="not-found-heading">Not found</h2>
      <p>This entity has nothing at this address. The tabs above show what it has.</p>
      <p>
        <Link href="./">Back to the overview</Link>
      </p>
    </section>
  );
}
