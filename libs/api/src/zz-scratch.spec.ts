import { PodDto, validateDto, podSemanticCauses, defaultPod } from './index';
const pod = (spec: any, meta: any = { name: 'x' }) => ({ apiVersion: 'v1', kind: 'Pod', metadata: meta, spec });
it('probe', () => {
  const show = (label: string, v: () => unknown) => { try { console.log(label, JSON.stringify(v())); } catch (e) { console.log(label, 'THROWS', String(e)); } };
  show('emptyname', () => validateDto(PodDto, pod({ containers: [{ name: 'c', image: 'nginx' }] }, { name: '' })));
  show('emptycname', () => validateDto(PodDto, pod({ containers: [{ name: '', image: 'nginx' }] })));
  show('nocname', () => validateDto(PodDto, pod({ containers: [{ image: 'nginx' }] })));
  show('array', () => validateDto(PodDto, []));
  show('string', () => validateDto(PodDto, 'x'));
  show('undefined', () => validateDto(PodDto, undefined));
  show('numname', () => validateDto(PodDto, pod({ containers: [{ name: 'c', image: 'nginx' }] }, { name: 5 })));
  show('longname', () => validateDto(PodDto, pod({ containers: [{ name: 'c', image: 'nginx' }] }, { name: 'a'.repeat(254) })));
  show('two errors', () => validateDto(PodDto, pod({ containers: [{ name: 'c' }, { name: 'd' }] })));
  show('qty num', () => podSemanticCauses({ containers: [{ name: 'a', resources: { requests: { cpu: 1, memory: '1Gi' }, limits: { memory: '1GB' } } }] }));
  show('dup init', () => podSemanticCauses({ initContainers: [{ name: 'a' }, { name: 'a' }], containers: [{ name: 'b' }] }));
  show('default', () => defaultPod({ metadata: { generateName: 'web-' }, spec: { containers: [{ name: 'c', image: 'nginx' }] }, status: { phase: 'Running', podIP: '1.2.3.4' } }, 'default', { uid: 'u', now: 'T', suffix: 'abcde' }));
});
