export type TypedArray = Int32Array | Uint32Array | Float32Array | Float64Array | Uint8Array | Int8Array;

/** A copy at least `minLength` long, doubling so that appends stay amortised O(1); the same array when long enough. */
export function grown<A extends TypedArray>(array: A, minLength: number, floor = 1024): A {
  if (array.length >= minLength) return array;
  const next = new (array.constructor as new (length: number) => A)(Math.max(minLength, array.length * 2, floor));
  (next as Float64Array).set(array);
  return next;
}
