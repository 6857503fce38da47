import type { Metadata, Viewport } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { AccountMenu } from "@/components/account-menu";
import { PrimaryNav, type NavItem } from "@/components/primary-nav";
import { getViewer } from "@/lib/api";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Cartograph", template: "%s · Cartograph" },
  description: "The map of your services, APIs, resources and teams.",
};

export const viewport: Viewport = {
  colorScheme: "light dark",
  width: "device-width",
  initialScale: 1,
};

async function navItems(): Promise<NavItem[]> {
  const viewer = await getViewer();
  const items: NavItem[] = [{ href: "/", label: "Explore" }];
  // Registering is for those who may write; the API decides again when they submit.
  if (viewer.state === "signed-in" && (viewer.account.role === "editor" || viewer.account.role === "admin")) {
    items.push({ href: "/register", label: "Register" });
  }
  return items;
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const items = await navItems();
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="topbar">
          <div className="container topbar-inner">
            <Link href="/" className="brand" prefetch={false}>
              <svg className="brand-mark" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                <path d="M3 6.5 9 4l6 2.5L21 4v13.5L15 20l-6-2.5L3 20z" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinejoin="round" />
                <path d="M9 4v13.5M15 6.5V20" fill="none" stroke="currentColor" strokeWidth="1.8" />
              </svg>
              Cartograph
            </Link>
            <PrimaryNav items={items} />
            <AccountMenu />
          </div>
        </header>
        <main id="main" className="container" tabIndex={-1}>
          {children}
        </main>
      </body>
    </html>
  );
}
