import type { SheetItem } from "../../api/types";
import { useI18n } from "../../i18n/i18n";
import { EvidenceEditor, EvidenceList } from "../../ui/evidence";
import { FormattedValue, useAcceptedText, ValueInput } from "../../ui/value-input";

export interface ItemDraft {
  text: string;
  note: string;
}

/** One indicator of the self-report: value, note, evidence and the score the value gives. */
export function SelfReportItem(props: {
  sheetId: number;
  item: SheetItem;
  /** 计分规则: how the item is scored, in the user's language (absent until the scheme has loaded). */
  ruleText?: string | undefined;
  draft: ItemDraft;
  editable: boolean;
  /** 代填 needs no evidence and only the owner may upload it: the list is shown read-only then. */
  evidenceEditable?: boolean;
  error?: string | undefined;
  evidenceError?: string | undefined;
  onDraft: (draft: ItemDraft) => void;
  onEvidenceChanged: () => void;
}) {
  const { m, fmt } = useI18n();
  const { item } = props;
  const id = `item-${item.code}`;
  const errorId = `${id}-error`;
  const bySelf = item.source === "self";
  const accepted = useAcceptedText(item);
  const hintId = `${id}-hint`;
  return (
    <article class="item-card" aria-labelledby={`${id}-title`}>
      <header>
        <span class="code">{item.code}</span>
        <span class="name" id={`${id}-title`}>
          {item.name}
        </span>
        <span class="meta">
          {item.ruleType === "bonus"
            ? m.figures.bonusItem
            : item.ruleType === "veto"
              ? m.figures.vetoItem
              : m.selfReport.points(fmt.points(item.points))}
          {item.target !== null ? ` · ${m.common.target} ${fmt.measure(item.target, item)}` : ""}
        </span>
        {item.selfScore !== null && item.selfValue !== null && bySelf ? (
          <span class="badge blue">{m.selfReport.itemScore(fmt.score(item.selfScore))}</span>
        ) : null}
      </header>
      {props.ruleText ? <p class="muted rule-text">{m.selfReport.ruleText(props.ruleText)}</p> : null}
      {bySelf ? (
        <div class="item-grid">
          <div class="field">
            <label for={id}>{m.selfReport.value(item.unit ?? "")}</label>
            {props.editable ? (
              <ValueInput
                id={id}
                kind={item.valueKind}
                text={props.draft.text}
                onText={(text) => props.onDraft({ ...props.draft, text })}
                ratingLevels={item.ratingLevels}
                describedBy={
                  [accepted && item.valueKind === "number" ? hintId : "", props.error ? errorId : ""]
                    .filter(Boolean)
                    .join(" ") || undefined
                }
                invalid={Boolean(props.error)}
                unit={item.unit}
              />
            ) : (
              <output id={id}>
                <FormattedValue value={item.selfValue} indicator={item} />
              </output>
            )}
            {props.editable && accepted && item.valueKind === "number" ? (
              <span class="muted small-hint" id={hintId}>
                {accepted}
              </span>
            ) : null}
            <p class="field-error" id={errorId} aria-live="polite">
              {props.error ?? ""}
            </p>
          </div>
          <div class="field">
            <label for={`${id}-note`}>{m.selfReport.note}</label>
            {props.editable ? (
              <textarea
                id={`${id}-note`}
                rows={2}
                maxLength={2000}
                value={props.draft.note}
                onInput={(event) => props.onDraft({ ...props.draft, note: event.currentTarget.value })}
              />
            ) : (
              <output id={`${id}-note`}>{item.note || m.common.dash}</output>
            )}
          </div>
          <div>
            {(props.evidenceEditable ?? props.editable) ? (
              <EvidenceEditor
                sheetId={props.sheetId}
                code={item.code}
                name={item.name}
                files={item.evidence}
                required={Boolean(item.evidenceRequired)}
                error={props.evidenceError}
                onChanged={props.onEvidenceChanged}
              />
            ) : (
              <>
                <strong>{m.evidence.title}</strong>
                <EvidenceList files={item.evidence} />
              </>
            )}
          </div>
        </div>
      ) : (
        <p class="muted">{m.selfReport.byAssessor}</p>
      )}
    </article>
  );
}
