import { findImage } from '../image-catalog';

export const nginx = findImage('docker.io/library/nginx');
export const agnhost = findImage('registry.k8s.io/e2e-test-images/agnhost');
export const stressImage = findImage('docker.io/polinux/stress');
