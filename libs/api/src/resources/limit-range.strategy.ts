import type { PlainStrategy } from './plain-strategies';

type Obj = Record<string, any>;

/**
 * SetDefaults_LimitRangeItem for `Container` items: `default` ← `max` where unset, then
 * `defaultRequest` ← `default`, then ← `min`. A LimitRange created with only `max: 1Gi, min: 500Mi`
 * reads back with `default: 1Gi, defaultRequest: 1Gi`.
 */
export function defaultLimitRangeItem(item: Obj): Obj {
  if (item.type !== 'Container') return item;
  const def = { ...(item.max ?? {}), ...(item.default ?? {}) };
  const defaultRequest = { ...(item.min ?? {}), ...def, ...(item.defaultRequest ?? {}) };
  return { ...item, ...(Object.keys(def).length ? { default: def } : {}), ...(Object.keys(defaultRequest).length ? { defaultRequest } : {}) };
}

export const limitRangeStrategy: PlainStrategy = {
  prepare: (o) => (Array.isArray(o.spec?.limits) ? { ...o, spec: { ...o.spec, limits: o.spec.limits.map(defaultLimitRangeItem) } } : o),
};
