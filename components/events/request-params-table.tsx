import { DataTable, TableCell, TableRow } from "@/components/ui/table";
import type { MappedRequest } from "@/lib/views/event-view";

/** The request impact.com received, field by field (credentials were redacted before it was stored). */
export function RequestParamsTable({ request }: { request: MappedRequest | null }) {
  if (!request)
    return <p className="text-sm text-slate-500">Not sent yet: the request appears here after the first attempt.</p>;
  return (
    <div className="space-y-2">
      <p className="font-mono text-xs break-all text-slate-600">
        {request.method} {request.url}
      </p>
      <DataTable caption="Request parameters" density="compact" data-testid="request-params">
        {request.params.map(([name, value], index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a form may repeat a name; the list never reorders
          <TableRow key={`${name}-${index}`}>
            <th scope="row" className="w-1/3 py-1 pr-3 text-left font-mono text-xs font-normal text-slate-600">
              {name}
            </th>
            <TableCell density="compact" className="font-mono text-xs break-all">
              {value}
            </TableCell>
          </TableRow>
        ))}
      </DataTable>
    </div>
  );
}
