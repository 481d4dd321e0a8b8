import type { JSX } from "preact";
import type { Evidence, SheetItem } from "../../api/types";
import { useI18n } from "../../i18n/i18n";
import { EvidenceList } from "../../ui/evidence";
import { FormattedValue, ValueInput } from "../../ui/value-input";

export interface ScoreDraft {
  text: string;
  reason: string;
}

/** One item on the scoring page: what was reported and proved, beside the verified value and its reason. */
export function ScoringRow(props: {
  item: SheetItem;
  draft: ScoreDraft;
  editable: boolean;
  valueError?: string | undefined;
  reasonError?: string | undefined;
  onDraft: (draft: ScoreDraft) => void;
  onKeyDown: (event: JSX.TargetedKeyboardEvent<HTMLElement>) => void;
  onPreview: (file: Evidence) => void;
  previewId: number | undefined;
}) {
  const { m, fmt } = useI18n();
  const { item, draft } = props;
  const id = `verify-${item.code}`;
  return (
    <tr>
      <th scope="row">
        <span class="code">{item.code}</span> {item.name}
        <div class="muted">
          {item.ruleType === "bonus"
            ? m.figures.bonusItem
            : item.ruleType === "veto"
              ? m.figures.vetoItem
              : m.selfReport.points(fmt.points(item.points))}
          {item.target !== null ? ` · ${m.common.target} ${fmt.measure(item.target, item)}` : ""}
          {item.source === "assessor" ? ` · ${m.targets.byAssessor}` : ""}
        </div>
      </th>
      <td class="num" data-label={m.result.selfValue}>
        <FormattedValue value={item.selfValue} indicator={item} />
        {item.note ? <div class="muted note">{item.note}</div> : null}
      </td>
      <td class="wide-cell" data-label={m.evidence.title}>
        <EvidenceList files={item.evidence} onPreview={props.onPreview} previewId={props.previewId} />
      </td>
      <td
        class="input-cell"
        data-label={
          item.unit ? `${m.result.verifiedValue}${m.common.parenthesised(item.unit)}` : m.result.verifiedValue
        }
      >
        <label class="visually-hidden" for={id}>
          {m.scoring.verifiedFor(item.code, item.name)}
        </label>
        {props.editable ? (
          <ValueInput
            id={id}
            kind={item.valueKind}
            text={draft.text}
            onText={(text) => props.onDraft({ ...draft, text })}
            ratingLevels={item.ratingLevels}
            describedBy={props.valueError ? `${id}-error` : undefined}
            invalid={Boolean(props.valueError)}
            onKeyDown={props.onKeyDown}
            placeholder={item.source === "self" ? m.scoring.sameAsSelf : undefined}
          />
        ) : (
          <output id={id}>
            <FormattedValue value={item.verifiedValue ?? item.selfValue} indicator={item} />
          </output>
        )}
        <p class="field-error" id={`${id}-error`} aria-live="polite">
          {props.valueError ?? ""}
        </p>
      </td>
      <td class="input-cell" data-label={m.result.reason}>
        <label class="visually-hidden" for={`${id}-reason`}>
          {m.scoring.reasonFor(item.code, item.name)}
        </label>
        {props.editable ? (
          <input
            id={`${id}-reason`}
            type="text"
            value={draft.reason}
            maxLength={2000}
            aria-invalid={props.reasonError ? true : undefined}
            aria-describedby={props.reasonError ? `${id}-reason-error` : undefined}
            onInput={(event) => props.onDraft({ ...draft, reason: event.currentTarget.value })}
            onKeyDown={props.onKeyDown}
          />
        ) : (
          <output id={`${id}-reason`}>{item.changeReason ?? ""}</output>
        )}
        <p class="field-error" id={`${id}-reason-error`} aria-live="polite">
          {props.reasonError ?? ""}
        </p>
      </td>
      <td class="num" data-label={m.common.score}>
        {fmt.score(item.score)}
        {item.vetoed ? <div class="badge red">{m.common.vetoed}</div> : null}
      </td>
    </tr>
  );
}
