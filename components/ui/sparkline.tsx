/**
 * A small line chart of recent values as inline SVG: no chart library, whose weight would dwarf a
 * 60-point line. It is one image to assistive technology, named by `label` (which should carry the
 * figures: last, lowest, highest), and draws in the current text colour so it follows the theme.
 */
export function Sparkline({
  values,
  label,
  max,
  width = 160,
  height = 32,
}: {
  values: readonly number[];
  label: string;
  /** The top of the scale (a limit or allocatable); the highest value when absent. */
  max?: number | null;
  width?: number;
  height?: number;
}) {
  const top = Math.max(max ?? 0, ...values, Number.MIN_VALUE);
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  const y = (v: number) => height - 1 - (Math.min(v, top) / top) * (height - 2);
  const points = values.map((v, i) => `${(i * step).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  return (
    <svg
      role="img"
      aria-label={label}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      className="text-accent"
    >
      <title>{label}</title>
      <line x1="0" y1={height - 0.5} x2={width} y2={height - 0.5} className="stroke-line" strokeWidth="1" />
      {values.length > 1 ? (
        <polyline
          points={points}
          fill="none"
          stroke="currentColor"
          strokeWidth="1.5"
          strokeLinejoin="round"
        />
      ) : values.length === 1 ? (
        <circle cx={width / 2} cy={y(values[0] ?? 0)} r="2" fill="currentColor" />
      ) : null}
    </svg>
  );
}
