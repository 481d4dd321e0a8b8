/**
 * Scrolls the row holding the focused control above the page's sticky action bar: the bar at the bottom of
 * the screen must never hide the row being edited (Tab and Enter move focus down the table).
 */
export function keepAboveActionBar(event: FocusEvent): void {
  const target = event.target;
  if (!(target instanceof HTMLElement)) return;
  const row = target.closest("tr") ?? target;
  const bar = document.querySelector(".sticky-actions");
  if (!bar) return;
  const barTop = bar.getBoundingClientRect().top;
  const bottom = row.getBoundingClientRect().bottom;
  const gap = 8;
  if (bottom > barTop - gap) window.scrollBy({ top: bottom - barTop + gap });
}
