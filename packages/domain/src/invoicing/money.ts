/**
 * Integer money arithmetic: amounts are cents, rates basis points (1 % = 100 bp), quantities
 * thousandths. Never a float in a total: every division rounds once, half away from zero
 * ("arrondi commercial"), the same in the PWA and on the server.
 */

/** `numerator / denominator` rounded half away from zero; both integers, `denominator` > 0. */
export function divideRounded(numerator: number, denominator: number): number {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator <= 0) {
    throw new RangeError(`division entière impossible : ${numerator} / ${denominator}`);
  }
  const magnitude = Math.floor((2 * Math.abs(numerator) + denominator) / (2 * denominator));
  return numerator < 0 && magnitude !== 0 ? -magnitude : magnitude;
}

/**
 * `numerator / denominator` in big integers (products of a quantity, a price and a rate exceed
 * 2^53), rounded half away from zero; the result must be a safe integer.
 */
export function divideRoundedBig(numerator: bigint, denominator: bigint): number {
  if (denominator <= 0n) {
    throw new RangeError(`division entière impossible : ${numerator} / ${denominator}`);
  }
  const absolute = numerator < 0n ? -numerator : numerator;
  const magnitude = (2n * absolute + denominator) / (2n * denominator);
  const result = Number(numerator < 0n ? -magnitude : magnitude);
  if (!Number.isSafeInteger(result)) {
    throw new RangeError(`montant hors limites : ${numerator} / ${denominator}`);
  }
  return result;
}

/** A quantity as integer thousandths (`2.5` → 2500); more than three decimals are refused. */
export function toThousandths(quantity: number): number {
  const thousandths = Math.round(quantity * 1000);
  if (!Number.isSafeInteger(thousandths) || Math.abs(thousandths - quantity * 1000) > 1e-6) {
    throw new RangeError(`quantité ${quantity} : trois décimales au plus`);
  }
  return thousandths;
}

/** `amount × rate` for a rate in basis points, rounded to the cent. */
export function applyRate(amount: number, rateBp: number): number {
  return divideRounded(amount * rateBp, 10_000);
}

/** `-1 234,56 €` (French style, for messages of the rules and the server). */
export function eurosText(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const absolute = Math.abs(cents);
  const units = String(Math.floor(absolute / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
  return `${sign}${units},${String(absolute % 100).padStart(2, '0')} €`;
}
