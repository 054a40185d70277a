import { BackLink } from "@/components/ui/back-link";

export default function EventNotFound() {
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-semibold">Event not found</h1>
      <p className="text-sm text-slate-600">
        It may have been deleted with its integration, or it belongs to another account.
      </p>
      <BackLink href="/events">Events</BackLink>
    </div>
  );
}
