import Link from "next/link";
import { Alert } from "@/components/ui/alert";

/** A hand-edited or stale URL: say what is wrong and how to get back, instead of failing. */
export function EventsParamsError({
  errors,
  basePath,
  resetText = "Show all events",
}: {
  errors: string[];
  basePath: string;
  resetText?: string;
}) {
  return (
    <div className="space-y-3">
      <Alert>
        <p className="font-medium">These filters cannot be used:</p>
        <ul className="mt-1 list-disc pl-5">
          {errors.map((error) => (
            <li key={error}>{error}</li>
          ))}
        </ul>
      </Alert>
      <Link href={basePath} className="text-sm text-brand hover:underline">
        {resetText}
      </Link>
    </div>
  );
}
