// printf("%.Nf") as glibc prints it, so the runner's tables equal the native CLI's: exact ties
// (0.0625 at 3 decimals) round to even there, while Number#toFixed rounds them away from zero.
export function fixed(x, digits) {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
  const neg = x < 0 || Object.is(x, -0);
  const mag = Math.abs(x);
  const rounded = mag.toFixed(digits);
  // Exact decimal expansion (enough digits for any double of the magnitudes printed here).
  const full = mag.toFixed(Math.min(100, digits + 70));
  const dot = full.indexOf('.');
  if (/^50*$/.test(full.slice(dot + 1 + digits))) {
    const down = full.slice(0, digits ? dot + 1 + digits : dot);
    if (Number(down.at(-1)) % 2 === 0) return (neg ? '-' : '') + down;
  }
  return (neg ? '-' : '') + rounded;
}

/** printf("%Ns") / ("%-Ns") and ("%Nd"). */
export const right = (v, w) => String(v).padStart(w);
export const left = (v, w) => String(v).padEnd(w);
