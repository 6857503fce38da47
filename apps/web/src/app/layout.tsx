import type { Metadata, Viewport } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { AccountMenu } from "@/components/account-menu";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Cartograph", template: "%s · Cartograph" },
  description: "The map of your services, APIs, resources and teams.",
};

export const viewport: Viewport = {
  colorScheme: "light dark",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="topbar">
          <div className="container">
            <Link href="/" className="brand">
              Cartograph
            </Link>
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
