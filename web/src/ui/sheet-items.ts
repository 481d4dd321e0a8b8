/** Items grouped under their category (考核类别), in the scheme's order. */
export function groupByCategory<T extends { categoryCode: string; categoryName: string }>(
  items: readonly T[],
) {
  const groups: { code: string; name: string; items: T[] }[] = [];
  for (const item of items) {
    let group = groups.find((g) => g.code === item.categoryCode);
    if (!group) {
      group = { code: item.categoryCode, name: item.categoryName, items: [] };
      groups.push(group);
    }
    group.items.push(item);
  }
  return groups;
}
