import type { HTMLAttributes } from "react";

/** A status in its own label and colour (`className`: border, background and text), one shape everywhere. */
export function StatusBadge({
  label,
  className,
  ...props
}: { label: string; className: string } & Omit<HTMLAttributes<HTMLSpanElement>, "className" | "children">) {
  return (
    <span
      className={`inline-flex items-center rounded-full border px-2 py-0.5 text-xs font-semibold ${className}`}
      {...props}
    >
      {label}
    </span>
  );
}
