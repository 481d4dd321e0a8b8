import { useI18n } from "../../i18n/i18n";
import { SelectField, TextField } from "../../ui/field";
import { NumberField } from "../../ui/number-field";
import { CompositionForm } from "./composition-form";
import { IndicatorEditor } from "./indicator-editor";
import { blankIndicator, indicatorsOf, type PathKey, pathOf, type SchemeDocument, setAt } from "./scheme-doc";

// The document keeps the 优秀 quota as a fraction (0.2); the office types and reads a percentage (20).
const toPercent = (fraction: number) => Math.round(fraction * 100 * 1e6) / 1e6;
const fromPercent = (percent: number) => Number((percent / 100).toPrecision(12));

/** The grades the engine knows, by their Chinese names; a code of the document's own is kept as it is. */
function gradeOptions(names: Partial<Record<string, string>>, current: string) {
  const known = Object.entries(names).map(([code, name]) => ({ value: code, label: name ?? code }));
  const own =
    current === "" || known.some((o) => o.value === current) ? [] : [{ value: current, label: current }];
  return [...(current === "" ? [{ value: "", label: "—" }] : []), ...known, ...own];
}

/** The whole scheme document as a form; every field shows the server's message for its path. */
export function SchemeForm(props: {
  doc: SchemeDocument;
  errors: Map<string, string>;
  readOnly: boolean;
  onChange: (doc: SchemeDocument) => void;
}) {
  const { m } = useI18n();
  const s = m.schemes;
  const { doc, errors } = props;
  const err = (...keys: PathKey[]) => errors.get(pathOf(keys));
  const set = (keys: PathKey[], value: unknown) => props.onChange(setAt(doc, keys, value));
  const nextCode = (prefix: string) => {
    const taken = new Set(indicatorsOf(doc).map((i) => i.code));
    for (let n = 1; ; n++) if (!taken.has(`${prefix}${n}`)) return `${prefix}${n}`;
  };
  return (
    <>
      <p class="field-error" aria-live="polite">
        {errors.get("(root)") ?? ""}
      </p>
      <fieldset class="card" disabled={props.readOnly}>
        <legend>{s.basics}</legend>
        <div class="form-row">
          <TextField label={s.code} value={doc.code} onValue={(v) => set(["code"], v)} error={err("code")} />
          <TextField label={s.name} value={doc.name} onValue={(v) => set(["name"], v)} error={err("name")} />
          <NumberField
            label={s.year}
            value={doc.year}
            onValue={(v) => set(["year"], v ?? 0)}
            error={err("year")}
          />
        </div>
        <div class="form-row">
          <NumberField
            label={s.excellentQuota}
            value={toPercent(doc.excellentQuota)}
            onValue={(v) => set(["excellentQuota"], fromPercent(v ?? 0))}
            hint={s.excellentQuotaHint}
            error={err("excellentQuota")}
          />
          <NumberField
            label={s.preVetoBottomN}
            value={doc.preVetoBottomN}
            onValue={(v) => set(["preVetoBottomN"], v ?? 0)}
            hint={s.preVetoHint}
            error={err("preVetoBottomN")}
          />
          <NumberField
            label={s.bonusCap}
            value={doc.bonusCap}
            onValue={(v) => set(["bonusCap"], v ?? 0)}
            error={err("bonusCap")}
          />
          <TextField
            label={s.unitClasses}
            value={(doc.unitClasses ?? []).join("、")}
            onValue={(text) => {
              const names = text.split(/[、,，\s]+/).filter(Boolean);
              set(["unitClasses"], names.length > 0 ? names : undefined);
            }}
            error={err("unitClasses")}
          />
          <NumberField
            label={s.vetoTotalBelow}
            value={doc.vetoTotalBelow}
            onValue={(v) => set(["vetoTotalBelow"], v)}
            error={err("vetoTotalBelow")}
          />
        </div>
      </fieldset>
      <CompositionForm
        doc={doc}
        errors={errors}
        readOnly={props.readOnly}
        onComposition={(composition) => set(["composition"], composition)}
      />
      <fieldset class="card" disabled={props.readOnly}>
        <legend>{s.gradeBands}</legend>
        <p class="field-error" aria-live="polite">
          {err("gradeBands") ?? ""}
        </p>
        {doc.gradeBands.map((band, index) => (
          <div class="form-row band-row" key={index}>
            <SelectField
              label={s.gradeCode(index + 1)}
              value={band.grade}
              options={gradeOptions(m.grades, band.grade)}
              onValue={(v) => set(["gradeBands", index, "grade"], v)}
              error={err("gradeBands", index, "grade")}
            />
            <TextField
              label={s.gradeLabel(index + 1)}
              value={band.label}
              onValue={(v) => set(["gradeBands", index, "label"], v)}
              error={err("gradeBands", index, "label")}
            />
            <NumberField
              label={s.gradeMin(index + 1)}
              value={band.min}
              onValue={(v) => set(["gradeBands", index, "min"], v ?? 0)}
              error={err("gradeBands", index, "min")}
            />
            <button
              type="button"
              class="button small danger"
              disabled={doc.gradeBands.length <= 1}
              onClick={() =>
                set(
                  ["gradeBands"],
                  doc.gradeBands.filter((_, i) => i !== index),
                )
              }
            >
              {m.common.remove}
            </button>
          </div>
        ))}
        <button
          type="button"
          class="button small secondary"
          onClick={() => set(["gradeBands"], [...doc.gradeBands, { grade: "", label: "", min: 0 }])}
        >
          {s.addGrade}
        </button>
      </fieldset>
      {doc.categories.map((category, c) => (
        <fieldset class="card category-editor" key={c} disabled={props.readOnly}>
          <legend>
            {s.category} {category.code} {category.name}
          </legend>
          <div class="form-row">
            <TextField
              label={s.categoryCode}
              value={category.code}
              onValue={(v) => set(["categories", c, "code"], v)}
              error={err("categories", c, "code")}
            />
            <TextField
              label={s.categoryName}
              value={category.name}
              onValue={(v) => set(["categories", c, "name"], v)}
              error={err("categories", c, "name")}
            />
          </div>
          <p class="field-error" aria-live="polite">
            {err("categories", c, "indicators") ?? ""}
          </p>
          {category.indicators.map((indicator, i) => (
            <IndicatorEditor
              key={i}
              indicator={indicator}
              at={["categories", c, "indicators", i]}
              errors={errors}
              readOnly={props.readOnly}
              unitClasses={doc.unitClasses ?? []}
              onChange={(next) => set(["categories", c, "indicators", i], next)}
              onRemove={() =>
                set(
                  ["categories", c, "indicators"],
                  category.indicators.filter((_, k) => k !== i),
                )
              }
            />
          ))}
          {props.readOnly ? null : (
            <div class="form-row">
              <button
                type="button"
                class="button small"
                onClick={() =>
                  set(
                    ["categories", c, "indicators"],
                    [...category.indicators, blankIndicator(nextCode(category.code))],
                  )
                }
              >
                {s.addIndicator}
              </button>
              <button
                type="button"
                class="button small danger"
                onClick={() =>
                  set(
                    ["categories"],
                    doc.categories.filter((_, k) => k !== c),
                  )
                }
              >
                {s.removeCategory(category.code)}
              </button>
            </div>
          )}
        </fieldset>
      ))}
      {props.readOnly ? null : (
        <button
          type="button"
          class="button"
          onClick={() => {
            const code = String.fromCharCode(65 + doc.categories.length);
            set(
              ["categories"],
              [...doc.categories, { code, name: "", indicators: [blankIndicator(nextCode(code))] }],
            );
          }}
        >
          {s.addCategory}
        </button>
      )}
    </>
  );
}
