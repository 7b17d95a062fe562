/** Decimal places of a Binance decimal string, whose filters pad with zeros ("0.01000000" -> 2, "1.00000000" -> 0). */
export function decimalsOf(text: string): number {
  const i = text.indexOf('.');
  return i < 0 ? 0 : text.replace(/0+$/, '').length - i - 1;
}
