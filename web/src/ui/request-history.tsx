import type { SheetView } from "../api/types";
import { useI18n } from "../i18n/i18n";
import { TableWrap } from "./table-wrap";

/** 复核/申诉 filed on a sheet, with their answers. */
export function RequestHistory(props: { requests: SheetView["requests"] }) {
  const { m, fmt } = useI18n();
  if (props.requests.length === 0) return <p class="muted">{m.requests.none}</p>;
  return (
    <TableWrap class="stack">
      <table class="request-history">
        <caption>{m.requests.history}</caption>
        <thead>
          <tr>
            <th scope="col">{m.requests.kind}</th>
            <th scope="col">{m.requests.indicator}</th>
            <th scope="col">{m.requests.reason}</th>
            <th scope="col">{m.requests.filedAt}</th>
            <th scope="col">{m.requests.outcome}</th>
            <th scope="col">{m.requests.answer}</th>
          </tr>
        </thead>
        <tbody>
          {props.requests.map((request) => (
            <tr key={request.id}>
              <td>{m.requests.kinds[request.kind]}</td>
              <td>{request.indicatorCode ?? m.requests.wholeSheet}</td>
              <td>{request.reason}</td>
              <td class="nowrap">{fmt.dateTime(request.filedAt)}</td>
              <td>{request.outcome ? m.requests.outcomes[request.outcome] : m.requests.pending}</td>
              <td>
                {request.decisionReason ?? ""}
                {request.decidedAt ? <div class="muted">{fmt.dateTime(request.decidedAt)}</div> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
