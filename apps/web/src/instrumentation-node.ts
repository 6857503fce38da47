import { ConfigError, getEnv } from "./env";

/** Bad configuration stops the server at boot with one line per variable, not a 500 per request. */
export function assertConfiguration(): void {
  try {
    getEnv();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
