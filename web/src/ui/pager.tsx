import { useI18n } from "../i18n/i18n";

/** Previous / next through a list of `total` items shown `limit` at a time. */
export function Pager(props: {
  total: number;
  limit: number;
  offset: number;
  onOffset: (offset: number) => void;
}) {
  const { m } = useI18n();
  const pages = Math.max(1, Math.ceil(props.total / props.limit));
  const page = Math.floor(props.offset / props.limit) + 1;
  return (
    <nav class="pager" aria-label={m.common.pageOf(page, pages)}>
      <button
        type="button"
        class="button small secondary"
        disabled={page <= 1}
        onClick={() => props.onOffset(Math.max(0, props.offset - props.limit))}
      >
        {m.common.previous}
      </button>
      <span>
        {m.common.pageOf(page, pages)} · {m.common.totalItems(props.total)}
      </span>
      <button
        type="button"
        class="button small secondary"
        disabled={page >= pages}
        onClick={() => props.onOffset(props.offset + props.limit)}
      >
        {m.common.next}
      </button>
    </nav>
  );
}
