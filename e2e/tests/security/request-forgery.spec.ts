import { expect, test } from "../../fixtures.ts";

// Every state-changing request to the web tier must come from the web tier's own pages.
test.describe("cross-site requests", () => {
  test.use({ signedInAs: "editor" });

  test("a POST from another origin is refused with 403, session or not", async ({ request, context, baseURL }) => {
    const cookies = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    for (const path of ["/", "/sign-in", "/catalog/component/default/checkout-service/edit"]) {
      const response = await request.post(path, {
        headers: { Origin: "http://evil.example", Cookie: cookies, "Content-Type": "application/x-www-form-urlencoded" },
        data: "descriptor=%7B%7D",
        maxRedirects: 0,
      });
      expect(response.status(), path).toBe(403);
      expect(await response.text()).toContain("must come from this site");
    }
    // The same request from the site itself gets past the check (and is then Next's to answer).
    const sameSite = await request.post("/sign-in", { headers: { Origin: baseURL! }, form: { x: "1" }, maxRedirects: 0 });
    expect(sameSite.status()).not.toBe(403);
  });

  test("a POST without Origin or Referer is refused; a Referer from the site is enough", async ({ request, baseURL }) => {
    const bare = await request.post("/sign-in", { form: { email: "a@b.c", password: "x" }, maxRedirects: 0 });
    expect(bare.status()).toBe(403);
    const nullOrigin = await request.post("/sign-in", { headers: { Origin: "null" }, form: { email: "a@b.c" }, maxRedirects: 0 });
    expect(nullOrigin.status()).toBe(403);
    const withReferer = await request.post("/sign-in", { headers: { Referer: `${baseURL}/sign-in` }, form: { x: "1" }, maxRedirects: 0 });
    expect(withReferer.status()).not.toBe(403);
  });
});

test.describe("security headers", () => {
  test("pages carry a nonce policy Next.js honours, and the other headers", async ({ page }) => {
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy|Content-Security-Policy/i.test(message.text())) violations.push(message.text());
    });
    const response = await page.goto("/");
    const headers = response!.headers();
    const policy = headers["content-security-policy"]!;
    expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("base-uri 'none'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("form-action 'self'");
    expect(policy).not.toContain("unsafe-eval");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["permissions-policy"]).toBeTruthy();
    expect(headers["strict-transport-security"]).toBeUndefined(); // plain HTTP here

    // A fresh nonce per response.
    const again = await page.request.get("/");
    expect(again.headers()["content-security-policy"]).not.toBe(policy);

    // Next's scripts ran under that policy: the client router works (a soft navigation keeps this document).
    await page.evaluate(() => ((globalThis as unknown as { marker: number }).marker = 1));
    // The first entity link in the results (the column headers are sorting links).
    await page.getByRole("table").getByRole("row").nth(1).getByRole("link").first().click();
    await expect(page).toHaveURL(/\/catalog\//);
    expect(await page.evaluate(() => (globalThis as unknown as { marker?: number }).marker)).toBe(1);
    expect(violations).toEqual([]);
  });
});

test.describe("descriptor text is data, never markup", () => {
  test("markup in a description shows as text and only http(s) links become links", async ({ page, api }) => {
    const name = `e2e-xss-${Date.now().toString(36)}`;
    const payload = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>`;
    await api.createComponent({
      name,
      description: payload,
      links: [
        { url: "javascript:window.__pwned=3", title: "Script link" },
        { url: "data:text/html,<script>alert(1)</script>", title: "Data link" },
        { url: "https://runbooks.example/ok", title: "Runbook" },
      ],
    });
    let dialogs = 0;
    page.on("dialog", async (dialog) => {
      dialogs++;
      await dialog.dismiss();
    });

    await page.goto(`/catalog/component/default/${name}`);
    const about = page.getByRole("region", { name: "About" });
    await expect(about.getByText(payload)).toBeVisible();
    await expect(about.getByRole("img")).toHaveCount(0);
    await expect(about.getByRole("link", { name: "Runbook" })).toHaveAttribute("href", "https://runbooks.example/ok");
    await expect(about.getByRole("link", { name: "Script link" })).toHaveCount(0);
    await expect(about.getByRole("link", { name: "Data link" })).toHaveCount(0);
    await expect(about.getByText("javascript:window.__pwned=3")).toBeVisible();
    expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toBe(0);
  });
});
