import Link from "next/link";

export default function SupportAccountNotFound() {
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-semibold">Account not found</h1>
      <Link href="/support" className="text-sm text-brand hover:underline">
        ← Accounts
      </Link>
    </div>
  );
}
