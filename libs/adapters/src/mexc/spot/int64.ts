/** int64 fields decode as numbers, or as Long objects where protobufjs finds the long package. */
export function int64(value: number | { toNumber(): number } | null | undefined): number {
  return typeof value === 'number' ? value : value ? value.toNumber() : 0;
}
