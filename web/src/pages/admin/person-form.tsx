import { useState } from "preact/hooks";
import { api, call } from "../../api/client";
import { useI18n } from "../../i18n/i18n";
import { useAnnounce } from "../../ui/announcer";
import { describeFailure, problemsByPath } from "../../ui/errors";
import { SelectField, TextField } from "../../ui/field";

/** What the form edits, as the person answer carries it. */
export interface PersonValues {
  id?: number;
  employeeNo: string;
  name: string;
  gender: "male" | "female" | null;
  category: "station" | "reassigned";
  position: string;
  originUnit: string | null;
  examScore: number | null;
  reassignedOn: string | null;
  phone: string | null;
}

const genderOf = (value: string): "male" | "female" | null =>
  value === "male" ? "male" : value === "female" ? "female" : null;

const BLANK: PersonValues = {
  employeeNo: "",
  name: "",
  gender: null,
  category: "station",
  position: "",
  originUnit: null,
  examScore: null,
  reassignedOn: null,
  phone: null,
};

/**
 * Adds a person (with a township) or edits one (with an optional reason). Every field error comes from the
 * server and is shown beside its field; nothing is changed on the way (an exam score stays as typed).
 */
export function PersonForm(props: {
  person: PersonValues | null;
  townships: readonly { id: number; name: string }[];
  onDone: (id: number) => void;
  onCancel?: () => void;
}) {
  const { m } = useI18n();
  const announce = useAnnounce();
  const start = props.person ?? BLANK;
  const [values, setValues] = useState({
    employeeNo: start.employeeNo,
    name: start.name,
    gender: start.gender ?? "",
    category: start.category,
    position: start.position,
    originUnit: start.originUnit ?? "",
    examScore: start.examScore === null ? "" : String(start.examScore),
    reassignedOn: start.reassignedOn ?? "",
    phone: start.phone ?? "",
    townshipId: "",
    reason: "",
  });
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [formError, setFormError] = useState("");
  const set = (key: keyof typeof values) => (value: string) => setValues({ ...values, [key]: value });
  const editing = props.person?.id;

  const fields = () => ({
    name: values.name,
    gender: genderOf(values.gender),
    category: values.category,
    position: values.position,
    originUnit: values.originUnit.trim() === "" ? null : values.originUnit,
    // Sent as typed: the server refuses what is not a number, rather than the form guessing.
    examScore: values.examScore.trim() === "" ? null : Number(values.examScore),
    reassignedOn: values.reassignedOn === "" ? null : values.reassignedOn,
    phone: values.phone,
  });

  const submit = async (event: Event) => {
    event.preventDefault();
    setFormError("");
    setErrors(new Map());
    try {
      if (editing) {
        const result = await call(
          api.people[":id"].$patch({
            param: { id: String(editing) },
            json: { ...fields(), ...(values.reason.trim() ? { reason: values.reason } : {}) },
          }),
        );
        announce(result.changed.length > 0 ? m.person.saved : m.person.nothingChanged);
        setValues({ ...values, reason: "" });
        props.onDone(editing);
      } else {
        const { person } = await call(
          api.people.$post({
            json: { ...fields(), employeeNo: values.employeeNo, townshipId: Number(values.townshipId) || 0 },
          }),
        );
        announce(m.person.saved);
        props.onDone(person.id);
      }
    } catch (failure) {
      const problems = problemsByPath(failure, m);
      setErrors(problems);
      setFormError(describeFailure(failure, m));
    }
  };

  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="person-form-title">
      <h2 id="person-form-title">{editing ? m.person.details : m.person.add}</h2>
      <div class="form-row">
        {editing ? null : (
          <TextField
            label={m.common.employeeNo}
            value={values.employeeNo}
            onValue={set("employeeNo")}
            error={errors.get("employeeNo")}
          />
        )}
        <TextField
          label={m.common.name}
          value={values.name}
          onValue={set("name")}
          error={errors.get("name")}
        />
        {editing ? null : (
          <SelectField
            label={m.common.township}
            value={values.townshipId}
            onValue={set("townshipId")}
            options={[
              { value: "", label: m.values.choose },
              ...props.townships.map((t) => ({ value: String(t.id), label: t.name })),
            ]}
            error={errors.get("townshipId")}
          />
        )}
        <SelectField
          label={m.person.gender}
          value={values.gender}
          onValue={set("gender")}
          options={[
            { value: "", label: m.values.choose },
            { value: "male", label: m.person.genders.male },
            { value: "female", label: m.person.genders.female },
          ]}
          error={errors.get("gender")}
        />
        <SelectField
          label={m.common.category}
          value={values.category}
          onValue={set("category")}
          options={[
            { value: "station", label: m.categories.station },
            { value: "reassigned", label: m.categories.reassigned },
          ]}
          error={errors.get("category")}
        />
        <TextField
          label={m.reports.position}
          value={values.position}
          onValue={set("position")}
          error={errors.get("position")}
        />
        <TextField
          label={m.person.phone}
          value={values.phone}
          onValue={set("phone")}
          type="tel"
          error={errors.get("phone")}
        />
      </div>
      {values.category === "reassigned" ? (
        <div class="form-row">
          <TextField
            label={m.reports.originUnit}
            value={values.originUnit}
            onValue={set("originUnit")}
            error={errors.get("originUnit")}
          />
          <TextField
            label={m.reports.examScore}
            value={values.examScore}
            onValue={set("examScore")}
            inputMode="decimal"
            error={errors.get("examScore")}
          />
          <TextField
            label={m.people.reassignedOn}
            value={values.reassignedOn}
            onValue={set("reassignedOn")}
            type="date"
            error={errors.get("reassignedOn")}
          />
        </div>
      ) : null}
      {editing ? (
        <TextField
          label={m.person.reasonOptional}
          value={values.reason}
          onValue={set("reason")}
          error={errors.get("reason")}
        />
      ) : null}
      <p class="form-error" role="alert">
        {formError}
      </p>
      <button type="submit" class="button primary">
        {m.common.save}
      </button>
      {props.onCancel ? (
        <>
          {" "}
          <button type="button" class="button secondary" onClick={props.onCancel}>
            {m.common.cancel}
          </button>
        </>
      ) : null}
    </form>
  );
}
