/**
 * Runs once when a server instance starts (`next start`, `next dev`; not during `next build`).
 * The NEXT_RUNTIME test is replaced at build time, so the Node-only module never reaches an
 * Edge bundle.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { assertConfiguration } = await import("./instrumentation-node");
    assertConfiguration();
  }
}
