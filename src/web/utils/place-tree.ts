import type { Place } from '../../shared/reference.js';

export interface PlaceNode extends Place {
  children?: PlaceNode[];
}

function comparePlaces(a: Place, b: Place): number {
  return a.sortOrder - b.sortOrder || (a.code ?? '').localeCompare(b.code ?? '') || a.name.localeCompare(b.name, 'zh-CN');
}

/**
 * Nests a flat list of places by parentId (县 → 乡镇 → 村/社区). Places whose parent is not in
 * the list become roots, so a partial list still shows. Leaves have no `children` key, which
 * antd tables and tree selects read as "nothing to expand".
 */
export function buildPlaceTree(places: Place[]): PlaceNode[] {
  const byId = new Map<number, PlaceNode>();
  for (const place of places) byId.set(place.id, { ...place });
  const roots: PlaceNode[] = [];
  for (const node of byId.values()) {
    const parent = node.parentId === null ? undefined : byId.get(node.parentId);
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  const sortDeep = (nodes: PlaceNode[]) => {
    nodes.sort(comparePlaces);
    for (const n of nodes) if (n.children) sortDeep(n.children);
  };
  sortDeep(roots);
  return roots;
}

/** Keeps the nodes whose name or code contains `keyword`, with their ancestors. */
export function filterPlaceTree(nodes: PlaceNode[], keyword: string): PlaceNode[] {
  const k = keyword.trim();
  if (!k) return nodes;
  const result: PlaceNode[] = [];
  for (const node of nodes) {
    const children = node.children ? filterPlaceTree(node.children, k) : [];
    const matches = node.name.includes(k) || (node.code ?? '').includes(k);
    if (matches || children.length > 0) {
      // A matching node keeps its whole subtree; an ancestor keeps only the matching branches.
      result.push(matches ? node : { ...node, children });
    }
  }
  return result;
}

/** Ids of every node that has children, to expand a tree fully. */
export function parentIds(nodes: PlaceNode[]): number[] {
  const ids: number[] = [];
  const walk = (list: PlaceNode[]) => {
    for (const n of list) {
      if (n.children?.length) {
        ids.push(n.id);
        walk(n.children);
      }
    }
  };
  walk(nodes);
  return ids;
}
