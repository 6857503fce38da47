"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export interface NavItem {
  href: string;
  label: string;
}

/** The top bar's sections; the current one is marked for assistive technology and the eye. */
export function PrimaryNav({ items }: { items: NavItem[] }) {
  const pathname = usePathname() ?? "/";
  const current = (href: string) => (href === "/" ? pathname === "/" || pathname.startsWith("/catalog") : pathname.startsWith(href));
  return (
    <nav aria-label="Primary" className="primary-nav">
      <ul>
        {items.map((item) => (
          <li key={item.href}>
            <Link href={item.href} aria-current={current(item.href) ? "page" : undefined} prefetch={false}>
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
