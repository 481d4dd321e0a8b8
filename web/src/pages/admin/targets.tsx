import { useEffect, useMemo, useState } from "preact/hooks";
import { api, call } from "../../api/client";
import type { TargetRow } from "../../api/types";
import { setQuery, useLocation } from "../../app/router";
import { usePeriods, useUser } from "../../app/session";
import { useI18n } from "../../i18n/i18n";
import { useAnnounce } from "../../ui/announcer";
import { AsyncView, Empty, useAsync } from "../../ui/async";
import { describeFailure } from "../../ui/errors";
import { ExcelImport, ExportLinks } from "../../ui/excel-import";
import { SelectField, TextAreaField } from "../../ui/field";
import { PageHeader } from "../../ui/page";
import { TableWrap } from "../../ui/table-wrap";
import { DecompositionRow } from "./decomposition-row";

const key = (personId: number, code: string) => `${personId}:${code}`;

/** 目标分解: a township's people × indicators grid of targets, with the township totals checked. */
export default function TargetsPage() {
  const { m } = useI18n();
  const { current: period } = usePeriods();
  const { query } = useLocation();
  const user = useUser();
  const own = user.scope.township;
  const townships = useAsync(async () => (own ? [own] : (await call(api.townships.$get())).items), [own?.id]);
  // A township account decomposes its own targets; the admin picks any township.
  const townshipId = own ? String(own.id) : (query.get("township") ?? String(townships.data?.[0]?.id ?? ""));
  const data = useAsync(async () => {
    if (!period || !townshipId) return null;
    const param = { id: String(period.id) };
    const [targets, decomposition] = await Promise.all([
      call(api.periods[":id"].targets.$get({ param, query: { townshipId } })),
      call(api.periods[":id"].decomposition.$get({ param, query: { townshipId } })),
    ]);
    return { rows: targets.items, decomposition: decomposition.items };
  }, [period?.id, townshipId]);
  return (
    <section>
      <PageHeader
        title={m.nav.targets}
        subtitle={period?.name}
        actions={period ? <ExportLinks periodId={period.id} datasets={["targets"]} /> : null}
      />
      <div class="toolbar">
        {own ? null : (
          <SelectField
            label={m.common.township}
            value={townshipId}
            onValue={(value) => setQuery("township", value)}
            options={(townships.data ?? []).map((t) => ({ value: String(t.id), label: t.name }))}
          />
        )}
        <p class="muted">{m.targets.gridHint}</p>
      </div>
      <AsyncView state={data}>
        {(loaded) =>
          loaded && period ? (
            <>
              <TargetsGrid
                key={`${period.id}-${townshipId}`}
                periodId={period.id}
                townshipId={Number(townshipId)}
                rows={loaded.rows}
                decomposition={loaded.decomposition}
                editable={period.status !== "published" && period.status !== "final"}
                onSaved={data.reload}
              />
              {period.status !== "published" && period.status !== "final" ? (
                <ExcelImport kind="targets" periodId={period.id} onImported={data.reload} />
              ) : null}
            </>
          ) : (
            <Empty>{m.common.noPeriod}</Empty>
          )
        }
      </AsyncView>
    </section>
  );
}

function TargetsGrid(props: {
  periodId: number;
  townshipId: number;
  rows: TargetRow[];
  decomposition: {
    indicatorCode: string;
    townshipTarget: number;
    memberSum: number | null;
    balanced: boolean | null;
  }[];
  editable: boolean;
  onSaved: () => void;
}) {
  const { m, fmt } = useI18n();
  const announce = useAnnounce();
  const people = useMemo(() => {
    const seen = new Map<number, { personId: number; employeeNo: string; name: string }>();
    for (const row of props.rows) seen.set(row.personId, row);
    return [...seen.values()];
  }, [props.rows]);
  const indicators = useMemo(() => {
    const seen = new Map<
      string,
      { code: string; name: string; unit: string | null; decimals: number; additive: boolean }
    >();
    for (const row of props.rows)
      seen.set(row.indicatorCode, {
        code: row.indicatorCode,
        name: row.indicatorName,
        unit: row.unit,
        decimals: row.decimals,
        additive: row.additive,
      });
    return [...seen.values()];
  }, [props.rows]);
  const original = useMemo(
    () => new Map(props.rows.map((r) => [key(r.personId, r.indicatorCode), r])),
    [props.rows],
  );
  const [texts, setTexts] = useState<Map<string, string>>(new Map());
  useEffect(() => setTexts(new Map()), [props.rows]);
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [formError, setFormError] = useState("");
  const [busy, setBusy] = useState(false);

  const cellText = (personId: number, code: string): string =>
    texts.get(key(personId, code)) ?? String(original.get(key(personId, code))?.value ?? "");
  const setCell = (personId: number, code: string, text: string) =>
    setTexts(new Map(texts).set(key(personId, code), text));
  const columnSum = (code: string) =>
    people.reduce((sum, p) => sum + (Number(cellText(p.personId, code)) || 0), 0);

  const save = async (event: Event) => {
    event.preventDefault();
    const found = new Map<string, string>();
    const items: { personId: number; indicatorCode: string; value: number }[] = [];
    for (const [cell, text] of texts) {
      const [personId = "", code = ""] = cell.split(":");
      const value = Number(text);
      if (text.trim() === "" || !Number.isFinite(value) || value < 0)
        found.set(cell, m.progress.invalidNumber);
      else if (value !== original.get(cell)?.value)
        items.push({ personId: Number(personId), indicatorCode: code, value });
    }
    if (!reason.trim() && items.length > 0) found.set("reason", m.targets.reasonRequired);
    setErrors(found);
    setFormError("");
    if (found.size > 0) return;
    if (items.length === 0) {
      announce(m.progress.nothingChanged, "info");
      return;
    }
    setBusy(true);
    try {
      const result = await call(
        api.periods[":id"].targets.$put({
          param: { id: String(props.periodId) },
          json: { reason: reason.trim(), items },
        }),
      );
      announce(m.targets.saved(result.updated));
      setReason("");
      props.onSaved();
    } catch (failure) {
      setFormError(describeFailure(failure, m));
    } finally {
      setBusy(false);
    }
  };

  if (people.length === 0) return <Empty>{m.targets.noPeople}</Empty>;
  return (
    <form onSubmit={save} noValidate>
      <TableWrap>
        <table class="targets-grid">
          <caption>{m.targets.gridCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{m.common.person}</th>
              {indicators.map((i) => (
                <th scope="col" class="num" key={i.code}>
                  <abbr title={i.name}>{i.code}</abbr>
                  {i.unit ? <div class="muted">{i.unit}</div> : null}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {people.map((person) => (
              <tr key={person.personId}>
                <th scope="row" class="nowrap">
                  {person.name} <span class="muted">{person.employeeNo}</span>
                </th>
                {indicators.map((indicator) => {
                  const cell = key(person.personId, indicator.code);
                  const source = original.get(cell)?.source;
                  // No target row: the indicator does not apply to this person's category.
                  if (!source)
                    return (
                      <td key={indicator.code} class="num muted">
                        {m.common.dash}
                      </td>
                    );
                  return (
                    <td key={indicator.code} class={texts.has(cell) ? "edited" : ""}>
                      <input
                        type="text"
                        inputMode="decimal"
                        aria-label={m.targets.cellLabel(person.name, indicator.code, indicator.name)}
                        value={cellText(person.personId, indicator.code)}
                        disabled={!props.editable}
                        aria-invalid={errors.has(cell) || undefined}
                        title={source ? m.targets.sources[source] : undefined}
                        onInput={(event) =>
                          setCell(person.personId, indicator.code, event.currentTarget.value)
                        }
                      />
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{m.targets.memberSum}</th>
              {indicators.map((i) => (
                <td class="num" key={i.code} title={i.additive ? undefined : m.targets.notAdditive}>
                  {/* Rates and ratios do not add up: no 合计 for them. */}
                  {i.additive ? fmt.measure(columnSum(i.code), { decimals: i.decimals }) : m.common.dash}
                </td>
              ))}
            </tr>
            <DecompositionRow
              periodId={props.periodId}
              townshipId={props.townshipId}
              indicators={indicators}
              decomposition={props.decomposition}
              columnSum={columnSum}
              editable={props.editable}
              onSaved={props.onSaved}
            />
          </tfoot>
        </table>
      </TableWrap>
      {errors.size > 0 && !errors.has("reason") ? <p class="form-error">{m.targets.fixCells}</p> : null}
      {props.editable ? (
        <div class="card">
          <TextAreaField
            label={m.targets.reason}
            value={reason}
            onValue={setReason}
            rows={2}
            error={errors.get("reason")}
            hint={m.targets.changedCount(texts.size)}
          />
          <p class="form-error" role="alert">
            {formError}
          </p>
          <button type="submit" class="button primary" disabled={busy}>
            {busy ? m.common.saving : m.targets.save}
          </button>
        </div>
      ) : (
        <p class="notice">{m.targets.locked}</p>
      )}
    </form>
  );
}
