import { BackLink } from "@/components/ui/back-link";

export default function RewardNotFound() {
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-semibold">Reward not found</h1>
      <p className="text-sm text-slate-600">
        It may have been deleted with its integration, or it belongs to another account.
      </p>
      <BackLink href="/rewards">Rewards</BackLink>
    </div>
  );
}
