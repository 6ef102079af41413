/** A boolean query parameter as kube-apiserver reads it (`?watch=true`, `?follow=1`). */
export const isTrue = (v: unknown): boolean => v === 'true' || v === '1';
