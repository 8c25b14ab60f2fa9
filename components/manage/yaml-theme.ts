import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { tags as t } from '@lezer/highlight';
import { EditorView } from 'codemirror';

/**
 * The editor in the design tokens of app/globals.css, so it meets AA contrast in light and dark
 * alike: CodeMirror's default highlight colours (e.g. #0000cc keys) are made for a white page. As a
 * non-fallback highlighter this replaces basicSetup's default one.
 */
const highlight = HighlightStyle.define([
  { tag: [t.propertyName, t.definition(t.propertyName), t.attributeName], color: 'var(--color-info)' },
  { tag: [t.string, t.special(t.string), t.content], color: 'var(--color-good)' },
  { tag: [t.number, t.bool, t.null, t.atom, t.keyword], color: 'var(--color-warn)' },
  { tag: [t.comment, t.meta, t.punctuation, t.separator], color: 'var(--color-muted)' },
  { tag: [t.typeName, t.labelName], color: 'var(--color-series-3)' },
  { tag: t.invalid, color: 'var(--color-bad)' },
]);

const theme = EditorView.theme({
  '&': { color: 'var(--color-fg)', backgroundColor: 'var(--color-canvas)' },
  '.cm-content': { caretColor: 'var(--color-fg)' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--color-fg)' },
  '.cm-gutters': {
    color: 'var(--color-muted)',
    backgroundColor: 'var(--color-sunken)',
    borderRight: '1px solid var(--color-line)',
  },
  '.cm-activeLine, .cm-activeLineGutter': { backgroundColor: 'var(--color-hover)' },
  '.cm-selectionBackground, &.cm-focused .cm-selectionBackground': {
    backgroundColor: 'var(--color-info-soft)',
  },
});

export const tokenTheme = [theme, syntaxHighlighting(highlight)];
