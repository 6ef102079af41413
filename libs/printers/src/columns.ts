/**
 * The shape of a meta.k8s.io/v1 Table `columnDefinitions` entry. Each printer exports its columns so
 * that the apiserver can serve server-side Table output and the CLI can render the same cells.
 */
export interface Column {
  /** As the apiserver sends it ("Nominated Node"); kubectl upper-cases it for the header. */
  readonly name: string;
  readonly type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  /** 'name' marks the column that holds the object's name. */
  readonly format: '' | 'name';
  readonly description: string;
  /** 0: always shown; 1: shown only with `-o wide`. */
  readonly priority: 0 | 1;
}

export type Columns = readonly Column[];

/** What kubectl prints for an empty optional cell. */
export const NONE = '<none>';

/** The header line kubectl prints for these columns. */
export function tableHeaders(columns: Columns, wide: boolean): string[] {
  return columns.filter((c) => wide || c.priority === 0).map((c) => c.name.toUpperCase());
}

export function column(name: string, description: string, extra: Partial<Omit<Column, 'name' | 'description'>> = {}): Column {
  return { name, type: 'string', format: '', description, priority: 0, ...extra };
}

// ObjectMeta swagger docs, shared by every kind's Name and Age columns.
export const NAME_DESCRIPTION =
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names';
export const AGE_DESCRIPTION =
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata';
