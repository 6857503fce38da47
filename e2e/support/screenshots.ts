import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Page, TestInfo } from "@playwright/test";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/**
 * Keeps a full-page screenshot of a page type: always in the HTML report (attached to the test),
 * and in docs/screenshots/<name>.png when the run is asked to refresh the committed ones
 * (`E2E_UPDATE_SCREENSHOTS=1 node .ci/test.mjs --only=e2e`), so ordinary runs never touch the repo.
 */
export async function keepScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`screenshot name ${name} must be lower-case words joined by -`);
  const body = await page.screenshot({ fullPage: true, animations: "disabled" });
  await testInfo.attach(name, { body, contentType: "image/png" });
  if (process.env.E2E_UPDATE_SCREENSHOTS === "1") {
    const dir = path.join(repoRoot, "docs", "screenshots");
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true, animations: "disabled" });
  }
}
