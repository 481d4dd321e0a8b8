import type { ComponentChildren } from "preact";
import { setQueries, useLocation } from "../app/router";
import { type AsyncState, AsyncView, Empty } from "./async";
import { Pager } from "./pager";

/**
 * A list page's filters and page, kept in the query string: a reload, the back button or a shared link shows
 * the same list. A filter at its default is left out of the URL; changing a filter goes back to page 1.
 */
export function useListQuery<K extends string>(defaults: Record<K, string>) {
  const { query } = useLocation();
  const values = {} as Record<K, string>;
  for (const name of Object.keys(defaults) as K[]) values[name] = query.get(name) ?? defaults[name];
  const page = Math.max(1, Math.floor(Number(query.get("page"))) || 1);
  return {
    values,
    page,
    setFilter(name: K, value: string) {
      setQueries({ [name]: value === defaults[name] ? undefined : value, page: undefined });
    },
    setPage(next: number) {
      setQueries({ page: next > 1 ? next : undefined });
    },
  };
}

/**
 * The body of a list page: loading, a failed load (with retry), the empty sentence, then the rows of the
 * current page and the pager. `children` draws the table of one page's rows.
 */
export function ListView<T>(props: {
  state: AsyncState<readonly T[]> & { reload: () => void };
  /** The rows the filters keep (filters applied in the browser); all rows when absent. */
  select?: (rows: readonly T[]) => readonly T[];
  empty: string;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
  children: (rows: readonly T[]) => ComponentChildren;
}) {
  return (
    <AsyncView state={props.state}>
      {(loaded) => {
        const rows = props.select ? props.select(loaded) : loaded;
        if (rows.length === 0) return <Empty>{props.empty}</Empty>;
        const pages = Math.ceil(rows.length / props.pageSize);
        const page = Math.min(props.page, pages);
        const shown = rows.slice((page - 1) * props.pageSize, page * props.pageSize);
        return (
          <>
            {props.children(shown)}
            {pages > 1 ? (
              <Pager
                total={rows.length}
                limit={props.pageSize}
                offset={(page - 1) * props.pageSize}
                onOffset={(offset) => props.onPage(offset / props.pageSize + 1)}
              />
            ) : null}
          </>
        );
      }}
    </AsyncView>
  );
}

/** Whether a row matches a search by name or 工号 (case-insensitive; empty matches every row). */
export function matchesSearch(row: { name: string; employeeNo: string }, search: string): boolean {
  const wanted = search.trim().toLowerCase();
  return wanted === "" || row.name.includes(wanted) || row.employeeNo.toLowerCase().includes(wanted);
}
