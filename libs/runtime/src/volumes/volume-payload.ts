/** A volume's files (path inside the volume → content), or why it cannot be set up (the FailedMount text). */
export type Payload = { ok: true; files: Record<string, string> } | { ok: false; message: string };

export interface KeyToPath {
  key: string;
  path: string;
  mode?: number;
}

/**
 * MakePayload of the configMap and secret plugins: every key as a file named after it, or only
 * `items` at their paths; an item's missing key fails unless the source is optional.
 */
export function keysPayload(values: Record<string, string>, items: KeyToPath[] | undefined, optional: boolean, missingKey: (key: string) => string): Payload {
  if (!items?.length) return { ok: true, files: { ...values } };
  const files: Record<string, string> = {};
  for (const it of items) {
    if (it.key in values) files[it.path] = values[it.key];
    else if (!optional) return { ok: false, message: missingKey(it.key) };
  }
  return { ok: true, files };
}
