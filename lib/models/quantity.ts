// Kubernetes resource quantities ("250m", "64Mi", "1.5Gi", "1e3") as plain numbers, and back.
// Grammar mirrored from k8s.io/apimachinery/pkg/api/resource (quantity.go):
//   <quantity> ::= <signedNumber><suffix>, suffix = binarySI (Ki..Ei) | decimalSI (n u m "" k M G T P E)
//                  | decimalExponent (e|E followed by a signed integer)
// https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/

const NUMBER = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(.*)$/;
const EXPONENT = /^[eE]([+-]?\d+)$/;
const DECIMAL_SUFFIX: Record<string, number> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};
const BINARY_SUFFIX: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

/**
 * Parses a quantity into base units (cores, bytes, or the metric's unit), scaled by 10^shift.
 * The decimal part is rebuilt as "<digits>e<exponent>" so Number() rounds once, exactly as a
 * literal would: "1.1" * 1000 in floating point is 1100.0000000000002, "11e2" is 1100.
 */
function parseScaled(input: string | number | null | undefined, shift: number): number | null {
  if (typeof input === 'number') return Number.isFinite(input) ? input * 10 ** shift : null;
  if (typeof input !== 'string') return null;
  const match = NUMBER.exec(input);
  if (!match) return null;
  const [, sign = '', mantissa = '', suffix = ''] = match;
  const [whole = '', fraction = ''] = mantissa.split('.');
  let exponent = shift - fraction.length;
  let binaryPower = 0;
  const decimal = DECIMAL_SUFFIX[suffix];
  const exp = EXPONENT.exec(suffix);
  if (decimal !== undefined) exponent += decimal;
  else if (BINARY_SUFFIX[suffix] !== undefined) binaryPower = BINARY_SUFFIX[suffix];
  else if (exp) exponent += Number(exp[1]);
  else return null;
  const value = Number(`${sign}${whole}${fraction}e${exponent}`) * 2 ** binaryPower;
  return Number.isFinite(value) ? value : null;
}

/** A quantity in base units: "500m" → 0.5, "1Ki" → 1024, "1e3" → 1000; null when invalid. */
export function parseQuantity(input: string | number | null | undefined): number | null {
  return parseScaled(input, 0);
}

/** CPU in millicores: "250m" → 250, "1" → 1000, "0.5" → 500, "1500u" → 1.5; null when invalid or negative. */
export function parseCpuMilli(input: string | number | null | undefined): number | null {
  const milli = parseScaled(input, 3);
  return milli === null || milli < 0 ? null : milli;
}

/**
 * Memory in bytes: "64Mi" → 67108864, "1G" → 1e9; null when invalid or negative.
 * Fractions of a byte round up, like Quantity.Value() ("0.1Ki" → 103).
 */
export function parseBytes(input: string | number | null | undefined): number | null {
  const bytes = parseScaled(input, 0);
  return bytes === null || bytes < 0 ? null : Math.ceil(bytes);
}

function trimDecimals(value: number, decimals: number): string {
  return String(Number(value.toFixed(decimals)));
}

/** "250m" below one core (as `kubectl top` shows), else "1.5 cores"; "—" when unknown. */
export function formatCpu(milli: number | null | undefined): string {
  if (milli === null || milli === undefined || !Number.isFinite(milli)) return '—';
  const shown = Number(milli.toFixed(Math.abs(milli) < 10 ? 1 : 0));
  if (Math.abs(shown) < 1000) return `${shown}m`;
  const cores = trimDecimals(milli / 1000, 2);
  return cores === '1' ? '1 core' : `${cores} cores`;
}

const BINARY_UNITS: [string, number][] = [
  ['Ti', 2 ** 40],
  ['Gi', 2 ** 30],
  ['Mi', 2 ** 20],
  ['Ki', 2 ** 10],
];

/** Bytes with the binary suffix Kubernetes manifests use: "64Mi", "1.5Gi", "512B"; "—" when unknown. */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '—';
  for (const [unit, size] of BINARY_UNITS) {
    if (Math.abs(bytes) >= size) return `${trimDecimals(bytes / size, size >= 2 ** 30 ? 2 : 1)}${unit}`;
  }
  return `${Math.round(bytes)}B`;
}
