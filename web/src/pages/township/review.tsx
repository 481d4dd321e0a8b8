import { useState } from "preact/hooks";
import { api, call } from "../../api/client";
import type { Evidence, SheetView } from "../../api/types";
import { Link, navigate } from "../../app/router";
import type { PageProps } from "../../app/routes";
import { useI18n } from "../../i18n/i18n";
import { AsyncView, useAsync } from "../../ui/async";
import { EvidencePreview } from "../../ui/evidence-preview";
import { PageHeader } from "../../ui/page";
import { LiveScorePanel } from "../../ui/score-panel";
import { SelfValuesTable } from "../../ui/self-values-table";
import { SheetHeading } from "../../ui/sheet-heading";
import { ReviewForm } from "./review-form";

/** 乡镇审核: the township reads a submitted sheet and passes it to the county, or returns it with a comment. */
export default function TownshipReviewPage(props: PageProps) {
  const { m } = useI18n();
  const state = useAsync(
    () => call(api.sheets[":id"].$get({ param: { id: props.params.id ?? "" } })),
    [props.params.id],
  );
  return (
    <section>
      <PageHeader
        title={m.township.reviewTitle}
        actions={
          <Link href="/township/sheets" class="button secondary">
            {m.common.back}
          </Link>
        }
      />
      <AsyncView state={state}>{(view) => <ReviewBody view={view} onStale={state.reload} />}</AsyncView>
    </section>
  );
}

/** The values on the left; the live score, the decision and the evidence being looked at on the right. */
function ReviewBody(props: { view: SheetView; onStale: () => void }) {
  const { m } = useI18n();
  const { view } = props;
  const [shown, setShown] = useState<Evidence | null>(null);
  const reviewable = view.actions.includes("pass") || view.actions.includes("return");
  return (
    <>
      <SheetHeading view={view} />
      <div class="two-col review-layout">
        <div>
          <SelfValuesTable items={view.items} onPreview={setShown} previewId={shown?.id} />
        </div>
        <aside class="score-panel">
          <LiveScorePanel
            live={view.liveScore}
            dirty={false}
            reportable={new Set(view.items.filter((i) => i.source === "self").map((i) => i.code))}
            items={view.items}
          />
          {reviewable ? (
            <ReviewForm
              view={view}
              via="review"
              onReviewed={() => navigate("/township/sheets")}
              onStale={props.onStale}
            />
          ) : (
            <p class="notice">{m.township.notWaiting}</p>
          )}
          <EvidencePreview file={shown} />
        </aside>
      </div>
    </>
  );
}
