import { BackLink } from "@/components/ui/back-link";

export default function SupportRewardNotFound() {
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-semibold">Reward not found</h1>
      <p className="text-sm text-slate-600">No reward has this id; it may have been deleted with its integration.</p>
      <BackLink href="/support/rewards">Rewards</BackLink>
    </div>
  );
}
