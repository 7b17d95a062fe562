/** One page of a venue list, read: `full` when the venue's page came back full (there may be more). */
export interface Page<T> {
  readonly items: readonly T[];
  readonly full: boolean;
}

/** A venue page read into our items; full when it holds `size` rows (before any row was left out). */
export function pageOf<W, T>(rows: readonly W[], size: number, read: (rows: readonly W[]) => readonly T[]): Page<T> {
  return { items: read(rows), full: rows.length >= size };
}

/**
 * Every item of a paged venue list: pages are fetched in order until one is not full. A page
 * that brings no item not already seen ends it too (a venue that ignores the page parameter must
 * not make this loop forever); items are kept once, by key.
 */
export async function allPages<T>(fetchPage: (index: number) => Promise<Page<T>>, keyOf: (item: T) => string): Promise<T[]> {
  const seen = new Set<string>();
  const out: T[] = [];
  for (let index = 0; ; index++) {
    const page = await fetchPage(index);
    let fresh = 0;
    for (const item of page.items) {
      const key = keyOf(item);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(item);
      fresh++;
    }
    if (!page.full || fresh === 0) return out;
  }
}
