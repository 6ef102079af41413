/**
 * A boolean query parameter as kube-apiserver reads it (`?watch=true`, `?follow=1`, `?watch=True`).
 *
 * Query parameters reach kube-apiserver's option structs through the parameter codec, whose
 * `Convert_Slice_string_To_bool` (k8s.io/apimachinery runtime/conversion.go) says: an absent
 * parameter is false, the first value `0` or `false` in any case is false, anything else —
 * `1`, `t`, `True`, `TRUE`, even an empty `?watch` — is true. Repeated parameters: the first counts.
 */
export const isTrue = (v: unknown): boolean => {
  const first = Array.isArray(v) ? v[0] : v;
  if (first === undefined || first === null) return false;
  const s = String(first);
  return s !== '0' && s.toLowerCase() !== 'false';
};
