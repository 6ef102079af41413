/** An event the pod runtime asks the kubelet to record on the pod (or one of its containers). */
export interface KubeletEvent {
  reason: string;
  message: string;
  type: 'Normal' | 'Warning';
  /** `spec.containers{nginx}` for container events. */
  fieldPath?: string;
}

export const normal = (reason: string, message: string, fieldPath?: string): KubeletEvent => ({ reason, message, type: 'Normal', fieldPath });
export const warning = (reason: string, message: string, fieldPath?: string): KubeletEvent => ({ reason, message, type: 'Warning', fieldPath });

/** Go's `%v` of a duration in seconds as the kubelet prints pull times: `1.234s`, `512ms`. */
export function pullTime(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  return `${Number((ms / 1000).toFixed(3))}s`;
}
