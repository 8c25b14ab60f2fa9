/**
 * The line of a YAML text that a field path from the API server names (`spec.template.spec.
 * containers[0].image`), so a 422 cause can be shown next to that line. Block-style YAML only, as
 * the editor shows it; for anything it cannot follow it returns the deepest line it reached. PURE.
 */

type Segment = { key: string } | { index: number };

export function parseFieldPath(path: string): Segment[] {
  const out: Segment[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]|\[([^\]]*)\]/g)) {
    if (m[1] !== undefined) out.push({ key: m[1] });
    else if (m[2] !== undefined) out.push({ index: Number(m[2]) });
    else if (m[3] !== undefined) out.push({ key: m[3].replace(/^["']|["']$/g, '') });
  }
  return out;
}

interface Entry {
  line: number;
  /** Column of a key, or of a list dash. */
  col: number;
  key?: string;
  dash: boolean;
}

function entries(lines: string[]): Entry[] {
  const out: Entry[] = [];
  lines.forEach((text, line) => {
    if (/^\s*(#.*)?$/.test(text)) return;
    const m = /^(\s*)((?:-\s+)*)(.*)$/.exec(text);
    if (!m) return;
    const indent = m[1]?.length ?? 0;
    const dashes = m[2] ?? '';
    // Each dash is an item at its own column; the key after the last dash sits further right.
    let col = indent;
    for (const d of dashes.match(/-\s+/g) ?? []) {
      out.push({ line, col, dash: true });
      col += d.length;
    }
    const key = /^("[^"]*"|'[^']*'|[^\s:#][^:#]*?)\s*:(\s|$)/.exec(m[3] ?? '');
    if (key?.[1]) out.push({ line, col, key: key[1].replace(/^["']|["']$/g, ''), dash: false });
  });
  return out;
}

/** 1-based line, or undefined when not even the first segment is found. */
export function fieldLine(yaml: string, path: string): number | undefined {
  const all = entries(yaml.replace(/\r\n?/g, '\n').split('\n'));
  let from = 0;
  let to = all.length;
  let parentCol = -1;
  let found: number | undefined;
  for (const seg of parseFieldPath(path)) {
    const scope = all.slice(from, to).map((e, i) => ({ e, i: i + from }));
    if ('key' in seg) {
      const keys = scope.filter(({ e }) => !e.dash && e.key !== undefined && e.col > parentCol);
      const col = Math.min(...keys.map(({ e }) => e.col));
      const hit = keys.find(({ e }) => e.col === col && e.key === seg.key);
      if (!hit) return found;
      found = hit.e.line + 1;
      parentCol = hit.e.col;
      from = hit.i + 1;
      // A list may sit at its key's own column (`containers:` then `- name:`), so only a key ends it there.
      const next = all.findIndex(
        (e, i) => i >= from && e.line > hit.e.line && (e.col < hit.e.col || (e.col === hit.e.col && !e.dash)),
      );
      to = next === -1 ? to : Math.min(to, next);
    } else {
      const dashes = scope.filter(({ e }) => e.dash && e.col >= parentCol);
      const col = Math.min(...dashes.map(({ e }) => e.col));
      const items = dashes.filter(({ e }) => e.col === col);
      const hit = items[seg.index];
      if (!hit) return found;
      found = hit.e.line + 1;
      parentCol = hit.e.col;
      from = hit.i + 1;
      const after = items[seg.index + 1];
      to = after ? after.i : to;
    }
  }
  return found;
}
