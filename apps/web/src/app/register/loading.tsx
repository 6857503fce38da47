export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="panel">
      <p className="muted">Loading the register page…</p>
    </div>
  );
}
