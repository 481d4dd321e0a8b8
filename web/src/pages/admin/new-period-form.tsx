import { useState } from "preact/hooks";
import { api, call } from "../../api/client";
import { useI18n } from "../../i18n/i18n";
import { useAnnounce } from "../../ui/announcer";
import { useAsync } from "../../ui/async";
import { ConfirmOrSubmit } from "../../ui/confirm-submit";
import { describeFailure, problemsByPath } from "../../ui/errors";
import { SelectField, TextField } from "../../ui/field";
import { pastDatesOf } from "./period-deadlines";

const DEADLINES = ["selfReportDeadline", "reviewDeadline", "recheckDeadline", "appealDeadline"] as const;
type Deadline = (typeof DEADLINES)[number];

/** A new period: year, name, scheme and the four deadlines in order. */
export function NewPeriodForm(props: { onCreated: () => Promise<void> }) {
  const { m } = useI18n();
  const announce = useAnnounce();
  const schemes = useAsync(async () => (await call(api.schemes.$get())).items, []);
  const nextYear = new Date().getFullYear() + 1;
  const [year, setYear] = useState(String(nextYear));
  const [name, setName] = useState(m.periods.defaultName(nextYear));
  const [schemeId, setSchemeId] = useState("");
  const [kind, setKind] = useState<"annual" | "quarter" | "campaign">("annual");
  const [quarter, setQuarter] = useState("1");
  const [span, setSpan] = useState({ startsOn: "", endsOn: "" });
  const [dates, setDates] = useState<Record<Deadline, string>>({
    selfReportDeadline: `${nextYear + 1}-01-10`,
    reviewDeadline: `${nextYear + 1}-01-20`,
    recheckDeadline: `${nextYear + 1}-02-15`,
    appealDeadline: `${nextYear + 1}-02-28`,
  });
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [formError, setFormError] = useState("");
  const [busy, setBusy] = useState(false);
  const chosenScheme = schemeId || String(schemes.data?.[0]?.id ?? "");

  // Deadlines already past are created only after the admin confirms the server's list of them.
  const [pastList, setPastList] = useState<string | null>(null);

  const submit = async (event: Event | undefined, confirmPastDeadlines = false) => {
    event?.preventDefault();
    const found = new Map<string, string>();
    if (!/^\d{4}$/.test(year)) found.set("year", m.periods.yearInvalid);
    if (!name.trim()) found.set("name", m.periods.nameRequired);
    if (!chosenScheme) found.set("schemeId", m.periods.schemeRequired);
    if (kind === "campaign") {
      if (!span.startsOn) found.set("startsOn", m.periods.dateRequired);
      if (!span.endsOn) found.set("endsOn", m.periods.dateRequired);
      else if (span.startsOn && span.endsOn < span.startsOn) found.set("endsOn", m.periods.dateOrder);
    }
    DEADLINES.forEach((key, index) => {
      const previous = DEADLINES[index - 1];
      if (!dates[key]) found.set(key, m.periods.dateRequired);
      else if (previous && dates[previous] && dates[key] < dates[previous])
        found.set(key, m.periods.dateOrder);
    });
    setErrors(found);
    setFormError("");
    if (found.size > 0) return;
    setBusy(true);
    try {
      await call(
        api.periods.$post({
          json: {
            year: Number(year),
            name: name.trim(),
            schemeId: Number(chosenScheme),
            kind,
            ...(kind === "quarter" ? { quarter: Number(quarter) } : {}),
            ...(kind === "campaign" ? span : {}),
            ...dates,
            confirmPastDeadlines,
          },
        }),
      );
      announce(m.periods.created);
      setPastList(null);
      await props.onCreated();
    } catch (failure) {
      const past = pastDatesOf(failure, m);
      if (past !== null) {
        setPastList(past);
        return;
      }
      const problems = problemsByPath(failure, m);
      setErrors(problems);
      setFormError(describeFailure(failure, m));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="new-period-title">
      <h2 id="new-period-title">{m.periods.create}</h2>
      <div class="form-row">
        <TextField
          label={m.periods.year}
          value={year}
          onValue={setYear}
          inputMode="numeric"
          error={errors.get("year")}
        />
        <TextField label={m.periods.name} value={name} onValue={setName} error={errors.get("name")} />
        <SelectField
          label={m.periods.scheme}
          value={chosenScheme}
          onValue={setSchemeId}
          options={(schemes.data ?? []).map((s) => ({
            value: String(s.id),
            label: `${s.name} (v${s.version})`,
          }))}
          error={errors.get("schemeId")}
        />
      </div>
      <div class="form-row">
        <SelectField
          label={m.periods.kind}
          value={kind}
          onValue={(value) => setKind(value as typeof kind)}
          options={(["annual", "quarter", "campaign"] as const).map((value) => ({
            value,
            label: m.periods.kinds[value],
          }))}
          error={errors.get("kind")}
        />
        {kind === "quarter" ? (
          <SelectField
            label={m.periods.quarter}
            value={quarter}
            onValue={setQuarter}
            options={["1", "2", "3", "4"].map((value) => ({ value, label: value }))}
            error={errors.get("quarter")}
          />
        ) : null}
        {kind === "campaign"
          ? (["startsOn", "endsOn"] as const).map((key) => (
              <TextField
                key={key}
                type="date"
                label={m.periods[key]}
                value={span[key]}
                onValue={(value) => setSpan({ ...span, [key]: value })}
                error={errors.get(key)}
              />
            ))
          : null}
      </div>
      <div class="form-row">
        {DEADLINES.map((key) => (
          <TextField
            key={key}
            type="date"
            label={m.periods[key]}
            value={dates[key]}
            onValue={(value) => {
              setDates({ ...dates, [key]: value });
              setPastList(null);
            }}
            error={errors.get(key)}
          />
        ))}
      </div>
      <p class="form-error" role="alert">
        {formError}
      </p>
      <ConfirmOrSubmit
        question={pastList === null ? null : m.yearAdmin.pastConfirm(pastList)}
        busy={busy}
        submitLabel={m.periods.createSubmit}
        confirmLabel={m.yearAdmin.confirmAnyway}
        onConfirm={() => void submit(undefined, true)}
        onCancel={() => setPastList(null)}
      />
    </form>
  );
}
