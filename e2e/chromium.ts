import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

/**
 * The Chromium to drive: CHROMIUM_PATH, else one Playwright downloaded, else Debian's. The test
 * pipeline installs Debian's when none is found (Playwright's download is impossible offline).
 */
export function findChromium(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, safe(() => chromium.executablePath()), "/usr/lib/chromium/chromium", "/usr/bin/chromium"];
  return candidates.find((p): p is string => !!p && existsSync(p));
}

function safe(fn: () => string): string | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}

/** Flags for a headless Chromium on a machine without a network beyond loopback. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];
