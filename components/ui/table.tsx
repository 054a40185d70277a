import type { HTMLAttributes, ReactNode, TdHTMLAttributes } from "react";

// One look for every list of rows: a framed card with a grey header row (lists of events, accounts, audit
// entries) or an unframed, compact table inside a card (attempts, request parameters).

type Density = "regular" | "compact";

const CELL_PADDING: Record<Density, string> = { regular: "px-3 py-2", compact: "py-1.5 pr-3" };

export function DataTable({
  columns,
  caption,
  density = "regular",
  emptyText,
  children,
  ...tableProps
}: {
  /** Header cells; omitted for key/value tables whose rows carry their own `<th scope="row">`. */
  columns?: readonly string[];
  /** Read by screen readers only. */
  caption?: string;
  density?: Density;
  /** Shown in one full-width row when given (pass it only when there are no rows). */
  emptyText?: ReactNode;
  children: ReactNode;
} & Omit<HTMLAttributes<HTMLTableElement>, "children">) {
  const isFramed = density === "regular";
  return (
    <div className={isFramed ? "overflow-x-auto rounded-lg border border-slate-200 bg-white" : "overflow-x-auto"}>
      <table className="w-full text-sm" {...tableProps}>
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        {columns ? (
          <thead className={isFramed ? "bg-slate-100 text-left text-slate-600" : "text-left text-xs text-slate-500"}>
            <tr>
              {columns.map((column) => (
                <th key={column} scope="col" className={`${CELL_PADDING[density]} font-medium`}>
                  {column}
                </th>
              ))}
            </tr>
          </thead>
        ) : null}
        <tbody>
          {children}
          {emptyText ? (
            <tr>
              <td colSpan={columns?.length ?? 1} className="px-3 py-8 text-center text-slate-500">
                {emptyText}
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}

export function TableRow({ className = "", ...props }: HTMLAttributes<HTMLTableRowElement>) {
  return <tr className={`border-t border-slate-100 align-top ${className}`.trim()} {...props} />;
}

export function TableCell({
  density = "regular",
  className = "",
  ...props
}: TdHTMLAttributes<HTMLTableCellElement> & { density?: Density }) {
  return <td className={`${CELL_PADDING[density]} ${className}`.trim()} {...props} />;
}
