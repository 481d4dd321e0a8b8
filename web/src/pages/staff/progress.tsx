import { useEffect, useMemo, useState } from "preact/hooks";
import {
  completionRate,
  indicatorDecimals,
  indicatorDirection,
} from "../../../../src/domain/indicator-direction";
import { takesProgress } from "../../../../src/domain/rule-table";
import type { Indicator } from "../../../../src/domain/scheme";
import { api, call } from "../../api/client";
import type { ProgressEntry } from "../../api/types";
import { lastOpenMonth } from "../../app/dates";
import { usePeriods, useUser } from "../../app/session";
import { useSchemeDocument } from "../../app/use-data";
import { useI18n } from "../../i18n/i18n";
import { useAnnounce } from "../../ui/announcer";
import { AsyncView, Empty, useAsync } from "../../ui/async";
import { describeFailure, problemsByPath } from "../../ui/errors";
import { SelectField } from "../../ui/field";
import { parseTypedNumber } from "../../ui/number-text";
import { PageHeader } from "../../ui/page";
import { TableWrap } from "../../ui/table-wrap";

type Entry = ProgressEntry;

/** Numeric self-reported indicators take monthly progress (counts per kind: the cases to date, all kinds); ratings and vetoes do not. */
function tracksProgress(indicator: Indicator): boolean {
  return indicator.source === "self" && takesProgress(indicator.rule.type);
}

/** 进度填报: each month's cumulative actual per indicator, against the target. */
export default function ProgressPage() {
  const { m } = useI18n();
  const user = useUser();
  const { current: period } = usePeriods();
  const scheme = useSchemeDocument(period);
  const data = useAsync(async () => {
    if (!period) return undefined;
    const param = { id: String(period.id) };
    const [targets, progress] = await Promise.all([
      call(api.periods[":id"].targets.$get({ param, query: {} })),
      call(api.periods[":id"].progress.$get({ param, query: {} })),
    ]);
    return { targets: targets.items, progress: progress.items };
  }, [period?.id]);
  const lastMonth = period ? lastOpenMonth(period.year) : 0;
  const [month, setMonth] = useState(Math.max(1, lastMonth));
  useEffect(() => setMonth(Math.max(1, lastMonth)), [lastMonth]);
  const category = user.person?.category ?? "station";
  const indicators = useMemo(
    () =>
      scheme.data?.document.categories
        .flatMap((c) => c.indicators)
        .filter((i) => i.appliesTo.includes(category) && tracksProgress(i)) ?? [],
    [scheme.data, category],
  );

  return (
    <section>
      <PageHeader title={m.nav.progress} subtitle={period?.name} />
      {!period ? <Empty>{m.common.noPeriod}</Empty> : null}
      {period && period.status !== "open" ? <p class="notice">{m.progress.closed}</p> : null}
      {period && period.status === "open" && lastMonth === 0 ? (
        <p class="notice">{m.progress.notStarted}</p>
      ) : null}
      <AsyncView state={data}>
        {(loaded) =>
          loaded && period ? (
            <>
              {period.status === "open" && lastMonth > 0 ? (
                <MonthForm
                  key={`${month}-${loaded.progress.length}`}
                  periodId={period.id}
                  month={month}
                  lastMonth={lastMonth}
                  onMonth={setMonth}
                  indicators={indicators}
                  targets={new Map(loaded.targets.map((t) => [t.indicatorCode, t.value]))}
                  progress={loaded.progress}
                  onSaved={data.reload}
                />
              ) : null}
              <h2>{m.progress.overview}</h2>
              <ProgressTable indicators={indicators} progress={loaded.progress} month={month} />
              {indicators.length === 0 ? <Empty>{m.progress.none}</Empty> : null}
            </>
          ) : null
        }
      </AsyncView>
    </section>
  );
}

function valueAt(progress: Entry[], code: string, month: number): Entry | undefined {
  return progress.find((entry) => entry.indicatorCode === code && entry.month === month);
}

function MonthForm(props: {
  periodId: number;
  month: number;
  lastMonth: number;
  onMonth: (month: number) => void;
  indicators: Indicator[];
  targets: Map<string, number>;
  progress: Entry[];
  onSaved: () => void;
}) {
  const { m, fmt } = useI18n();
  const announce = useAnnounce();
  const initial = () =>
    Object.fromEntries(
      props.indicators.map((i) => [
        i.code,
        String(valueAt(props.progress, i.code, props.month)?.value ?? ""),
      ]),
    );
  const [texts, setTexts] = useState<Record<string, string>>(initial);
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [formError, setFormError] = useState("");
  const [busy, setBusy] = useState(false);

  const save = async (event: Event) => {
    event.preventDefault();
    const found = new Map<string, string>();
    const entries: { indicatorCode: string; month: number; value: number }[] = [];
    for (const indicator of props.indicators) {
      const text = (texts[indicator.code] ?? "").trim();
      const before = valueAt(props.progress, indicator.code, props.month);
      if (text === "") continue;
      // Read as typed: "１０８", "1,234", "98.5%" (see ui/number-text.ts); a problem says what to write instead.
      const parsed = parseTypedNumber(text, { unit: indicator.unit, decimals: indicatorDecimals(indicator) });
      if (!parsed.ok || parsed.value === null) {
        found.set(
          indicator.code,
          parsed.ok ? m.progress.invalidNumber : (m.values.problems[parsed.problem] ?? ""),
        );
        continue;
      }
      const value = parsed.value;
      if (before?.value !== value) entries.push({ indicatorCode: indicator.code, month: props.month, value });
    }
    setErrors(found);
    setFormError("");
    if (found.size > 0) {
      document.getElementById(`progress-${[...found.keys()][0]}`)?.focus();
      return;
    }
    if (entries.length === 0) {
      announce(m.progress.nothingChanged, "info");
      return;
    }
    setBusy(true);
    try {
      const result = await call(
        api.periods[":id"].progress.$put({ param: { id: String(props.periodId) }, json: { entries } }),
      );
      announce(m.progress.saved(result.written));
      props.onSaved();
    } catch (error) {
      const problems = problemsByPath(error, m);
      const byCode = new Map<string, string>();
      for (const [path, message] of problems) {
        const index = Number(path.match(/^entries\[(\d+)\]/)?.[1]);
        const code = entries[index]?.indicatorCode;
        if (code) byCode.set(code, message);
      }
      setErrors(byCode);
      setFormError(describeFailure(error, m));
    } finally {
      setBusy(false);
    }
  };

  const months = Array.from({ length: props.lastMonth }, (_, i) => i + 1);
  return (
    <form class="card" onSubmit={save} noValidate>
      <div class="toolbar">
        <SelectField
          label={m.progress.month}
          value={String(props.month)}
          onValue={(value) => props.onMonth(Number(value))}
          options={months.map((month) => ({ value: String(month), label: fmt.month(month) }))}
        />
        <p class="muted">{m.progress.cumulativeHint}</p>
      </div>
      <TableWrap>
        <table class="responsive">
          <thead>
            <tr>
              <th scope="col">{m.common.indicator}</th>
              <th scope="col" class="num">
                {m.common.target}
              </th>
              <th scope="col" class="num">
                {m.progress.previous}
              </th>
              <th scope="col">{m.progress.cumulative(fmt.month(props.month))}</th>
              <th scope="col" class="num">
                {m.progress.completion}
              </th>
            </tr>
          </thead>
          <tbody>
            {props.indicators.map((indicator) => {
              const target = props.targets.get(indicator.code) ?? indicator.target;
              const previous =
                props.month > 1 ? valueAt(props.progress, indicator.code, props.month - 1) : undefined;
              const text = texts[indicator.code] ?? "";
              const typed = parseTypedNumber(text, { unit: indicator.unit });
              const number = typed.ok && typed.value !== null ? typed.value : undefined;
              const error = errors.get(indicator.code);
              return (
                <tr key={indicator.code}>
                  <th scope="row">
                    <label for={`progress-${indicator.code}`}>
                      {indicator.code} {indicator.name}
                    </label>
                  </th>
                  <td class="num" data-label={m.common.target}>
                    {fmt.measure(target, indicator)}
                  </td>
                  <td class="num" data-label={m.progress.previous}>
                    {previous ? fmt.measure(previous.value, indicator) : m.common.dash}
                  </td>
                  <td class="input-cell" data-label={m.progress.cumulative(fmt.month(props.month))}>
                    {/* The unit beside the box, on the phone too (#17). */}
                    <span class="value-input">
                      <input
                        id={`progress-${indicator.code}`}
                        type="text"
                        inputMode="decimal"
                        autoComplete="off"
                        value={text}
                        aria-invalid={error ? true : undefined}
                        aria-describedby={error ? `progress-${indicator.code}-error` : undefined}
                        onInput={(event) =>
                          setTexts({ ...texts, [indicator.code]: event.currentTarget.value })
                        }
                      />
                      {indicator.unit ? <span class="muted unit">{indicator.unit}</span> : null}
                    </span>
                    <p class="field-error" id={`progress-${indicator.code}-error`} aria-live="polite">
                      {error ?? ""}
                    </p>
                  </td>
                  <td class="num" data-label={m.progress.completion}>
                    {/* 完成率 in the indicator's direction: below 100 % when a lower-is-better result is over its limit. */}
                    {number !== undefined && Number.isFinite(number) && target !== undefined
                      ? fmt.percent(completionRate(indicatorDirection(indicator.rule), number, target))
                      : m.common.dash}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableWrap>
      <p class="form-error" role="alert">
        {formError}
      </p>
      <button type="submit" class="button primary" disabled={busy} aria-busy={busy}>
        {busy ? m.common.saving : m.progress.save(fmt.month(props.month))}
      </button>
    </form>
  );
}

function ProgressTable(props: { indicators: Indicator[]; progress: Entry[]; month: number }) {
  const { m, fmt } = useI18n();
  const months = Array.from({ length: 12 }, (_, i) => i + 1);
  return (
    <TableWrap>
      <table>
        <caption>{m.progress.overviewCaption}</caption>
        <thead>
          <tr>
            <th scope="col">{m.common.indicator}</th>
            {months.map((month) => (
              <th
                scope="col"
                class="num"
                key={month}
                aria-current={month === props.month ? "true" : undefined}
              >
                {fmt.month(month)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.indicators.map((indicator) => (
            <tr key={indicator.code}>
              <th scope="row" class="nowrap">
                {indicator.code} {indicator.name}
              </th>
              {months.map((month) => {
                const entry = valueAt(props.progress, indicator.code, month);
                return (
                  <td class="num" key={month} title={entry?.note ?? undefined}>
                    {entry ? fmt.measure(entry.value, indicator) : ""}
                    {entry && entry.revision > 1 ? <sup title={m.progress.corrected}>*</sup> : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
