import { BackLink } from "@/components/ui/back-link";

export default function SupportAccountNotFound() {
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-semibold">Account not found</h1>
      <BackLink href="/support">Accounts</BackLink>
    </div>
  );
}
