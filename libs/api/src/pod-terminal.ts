import type { Pod } from './types';

/** podutil.IsPodTerminal: the pod has finished (Succeeded or Failed) and will never run again. */
export const isPodTerminal = (p: Pod): boolean => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
