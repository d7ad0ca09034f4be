// Small DOM helpers. The page's skeleton comes from shared/src/dashboard/page.ts; a missing element
// is a template/script mismatch, reported by name rather than as a null dereference later.
export function byId<T extends HTMLElement = HTMLElement>(doc: Document, id: string): T {
  const el = doc.getElementById(id);
  if (!el) throw new Error(`dashboard: element #${id} is missing from the page`);
  return el as T;
}

export function make<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  text?: string,
  attrs: Record<string, string> = {},
): HTMLElementTagNameMap[K] {
  const el = doc.createElement(tag);
  if (text !== undefined) el.textContent = text;
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  return el;
}

/** Sets text only when it changed: cheaper, and screen readers do not re-announce equal text. */
export function setText(el: Element, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}
