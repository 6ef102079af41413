import { prune, type Json, type ResourceDeclaration, type StructuralSchema } from '@kubesim/api';

/**
 * The fields of a custom object its version's schema would prune: what `fieldValidation=Strict`
 * refuses (`strict decoding error: unknown field "spec.foo"`) and `Warn` reports, as upstream.
 */
export const customUnknownFields =
  (r: ResourceDeclaration) =>
  (body: Record<string, unknown>): string[] =>
    prune(body as Json, r.custom?.schema as StructuralSchema | undefined).removed;
