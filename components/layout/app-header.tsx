import Link from "next/link";
import { SignOutButton } from "@/components/auth/sign-out-button";

type NavLink = { href: string; label: string };

/** The page header: product name, navigation, who is signed in (SPEC §4a: the company name), sign-out. */
export function AppHeader({ who, links, signOutTo }: { who: string; links: NavLink[]; signOutTo: string }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl items-center gap-6 px-4 py-3">
        <span className="font-semibold text-brand">Payments integration portal</span>
        <nav className="flex gap-4 text-sm">
          {links.map((link) => (
            <Link key={link.href} href={link.href} className="text-slate-700 hover:text-brand">
              {link.label}
            </Link>
          ))}
        </nav>
        <div className="ml-auto flex items-center gap-3">
          <span className="text-sm text-slate-700" data-testid="signed-in-as">
            {who}
          </span>
          <SignOutButton redirectTo={signOutTo} />
        </div>
      </div>
    </header>
  );
}
