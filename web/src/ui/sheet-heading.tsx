import type { SheetView } from "../api/types";
import { useI18n } from "../i18n/i18n";
import { ExemptBadge, SheetStatusBadge } from "./badges";

/** Whose sheet this is: person, employee number, category, township, status. */
export function SheetHeading(props: { view: SheetView }) {
  const { m } = useI18n();
  const { sheet } = props.view;
  return (
    <p class="sheet-heading">
      {sheet.person ? (
        <>
          <strong>{sheet.person.name}</strong> <span class="muted">{sheet.person.employeeNo}</span> ·{" "}
        </>
      ) : null}
      {m.categories[sheet.category]} · {sheet.township.name} ·{" "}
      <SheetStatusBadge status={sheet.status} townshipSheet={sheet.person === null} />
      <ExemptBadge category={sheet.exempt?.category} />
    </p>
  );
}
