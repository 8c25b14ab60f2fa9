import { load, YAMLException } from 'js-yaml';

/**
 * Pasted YAML into objects, one per document, each with the line it starts on so messages can point
 * at it. PURE (the browser uses it too, to check a paste before sending it).
 */

/** The API server stores at most 1.5 MiB per object; a paste this large is a mistake, not a manifest set. */
export const MAX_YAML_BYTES = 3 * 1024 * 1024;
export const MAX_DOCUMENTS = 100;

export interface YamlDocument {
  /** 1-based, in the order of the paste. */
  index: number;
  /** 1-based line of the document's first line in the paste. */
  line: number;
  text: string;
}

export interface ParsedDocument extends YamlDocument {
  object?: Record<string, unknown>;
  /** A sentence; set when the document is not one Kubernetes object. */
  error?: string;
  /** 1-based line in the paste the error points at. */
  errorLine?: number;
}

const MARKER = /^---(?:\s|$)/;
const END = /^\.\.\.\s*$/;

function blank(text: string): boolean {
  return text.split('\n').every((l) => /^\s*(#.*)?$/.test(l));
}

/** Splits on `---` lines (and `...` ends), dropping documents with nothing but comments and blanks. */
export function splitDocuments(text: string): YamlDocument[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const out: YamlDocument[] = [];
  let start = 0;
  let current: string[] = [];
  const flush = () => {
    const body = current.join('\n');
    if (!blank(body)) out.push({ index: out.length + 1, line: start + 1, text: body });
    current = [];
  };
  lines.forEach((l, i) => {
    if (MARKER.test(l) || END.test(l)) {
      flush();
      start = i + 1;
      // `--- key: value` keeps content after the marker on the same line.
      const rest = MARKER.test(l) ? l.slice(3).trim() : '';
      if (rest && !rest.startsWith('#')) {
        start = i;
        current.push(rest);
      }
      return;
    }
    current.push(l);
  });
  flush();
  return out;
}

export function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

/** Null when the paste may be sent; otherwise why not. */
export function sizeProblem(text: string): string | null {
  return bytesProblem(byteLength(text));
}

export function bytesProblem(bytes: number): string | null {
  if (bytes <= MAX_YAML_BYTES) return null;
  return `The YAML is ${formatBytes(bytes)}; Wheelhouse accepts at most ${formatBytes(MAX_YAML_BYTES)} at once (the API server stores at most 1.5 MB per object). Split it into smaller pastes.`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Every document parsed on its own, so one broken document does not hide the others. */
export function parseDocuments(text: string): ParsedDocument[] {
  return splitDocuments(text).map((doc) => {
    let value: unknown;
    try {
      value = load(doc.text);
    } catch (e) {
      if (e instanceof YAMLException) {
        // js-yaml can point one past the end of an unterminated flow collection: clamp to the document.
        const last = doc.line + doc.text.replace(/\n+$/, '').split('\n').length - 1;
        const line = Math.min(e.mark ? doc.line + e.mark.line : doc.line, last);
        return { ...doc, error: `Invalid YAML at line ${line}: ${e.reason}.`, errorLine: line };
      }
      return { ...doc, error: 'Invalid YAML.', errorLine: doc.line };
    }
    if (!isRecord(value)) {
      return {
        ...doc,
        error: `Document ${doc.index} is not a Kubernetes object (a mapping with apiVersion and kind).`,
      };
    }
    const missing = ['apiVersion', 'kind'].filter((k) => typeof value[k] !== 'string' || value[k] === '');
    if (missing.length) {
      return {
        ...doc,
        object: value,
        error: `Document ${doc.index} (line ${doc.line}) has no ${missing.join(' or ')}.`,
        errorLine: doc.line,
      };
    }
    if (String(value.kind).endsWith('List') && Array.isArray(value.items)) {
      return {
        ...doc,
        object: value,
        error: `Document ${doc.index} is a ${value.kind}; paste its items as separate documents.`,
        errorLine: doc.line,
      };
    }
    return { ...doc, object: value };
  });
}
