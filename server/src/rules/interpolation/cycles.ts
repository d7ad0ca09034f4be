// Strongly connected components of the reference graph (iterative Tarjan: a long chain of keys must not
// exhaust the call stack).
export type Graph = Map<string, Set<string>>;

/** Component id of every node that lies on a cycle (a component of two or more, or a self-loop). */
export function cyclicComponents(graph: Graph): Map<string, number> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const component = new Map<string, number>();
  let counter = 0;
  let components = 0;
  for (const root of graph.keys()) {
    if (index.has(root)) continue;
    const work: { node: string; edges: Iterator<string> }[] = [];
    const open = (node: string): void => {
      index.set(node, counter);
      low.set(node, counter++);
      stack.push(node);
      onStack.add(node);
      work.push({ node, edges: (graph.get(node) ?? new Set<string>()).values() });
    };
    open(root);
    while (work.length > 0) {
      const top = work[work.length - 1] as { node: string; edges: Iterator<string> };
      const next = top.edges.next();
      if (!next.done) {
        const to = next.value;
        if (!graph.has(to)) continue;
        if (!index.has(to)) open(to);
        else if (onStack.has(to)) low.set(top.node, Math.min(low.get(top.node) ?? 0, index.get(to) ?? 0));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node) ?? 0, low.get(top.node) ?? 0));
      if (low.get(top.node) === index.get(top.node)) {
        const members: string[] = [];
        let m: string | undefined;
        do {
          m = stack.pop();
          if (m === undefined) break;
          onStack.delete(m);
          members.push(m);
        } while (m !== top.node);
        const selfLoop = members.length === 1 && (graph.get(top.node)?.has(top.node) ?? false);
        if (members.length > 1 || selfLoop) {
          for (const x of members) component.set(x, components);
          components++;
        }
      }
    }
  }
  return component;
}

/** A shortest path from `from` to `to` inside one component (for the message), ends included. */
export function pathWithin(graph: Graph, component: Map<string, number>, from: string, to: string): string[] {
  const id = component.get(from);
  const previous = new Map<string, string>();
  const queue = [from];
  const seen = new Set([from]);
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i] as string;
    if (node === to && i > 0) break;
    for (const next of graph.get(node) ?? []) {
      if (component.get(next) !== id || seen.has(next)) continue;
      seen.add(next);
      previous.set(next, node);
      queue.push(next);
    }
  }
  const path = [to];
  for (let n = previous.get(to); n !== undefined && path.length <= graph.size; n = previous.get(n)) {
    path.unshift(n);
    if (n === from) break;
  }
  return path;
}
