import type { CustomResourceVersion, KubeObject } from '@kubesim/api';
import { customPrinter } from './custom-printer';
import { customScaleOf, setPath } from './custom-scale';

const NOW = Date.parse('2026-01-01T00:10:00Z');
const crontab = { apiVersion: 'stable.example.com/v1', kind: 'CronTab', metadata: { name: 'my-new-cron-object', creationTimestamp: '2026-01-01T00:00:00Z' }, spec: { cronSpec: '* * * * */5', replicas: 3, image: 'img' }, status: { replicas: 2, labelSelector: 'app=x' } } as unknown as KubeObject;
const version = (o: Partial<CustomResourceVersion>): CustomResourceVersion => ({ crd: 'crontabs.stable.example.com', storageVersion: 'v1', printerColumns: [], ...o });

describe('custom resource Table output (additionalPrinterColumns)', () => {
  it('Name, then each column by its JSONPath: strings, integers as numbers, dates as ages, missing as null', () => {
    const p = customPrinter(
      version({
        printerColumns: [
          { name: 'Spec', type: 'string', jsonPath: '.spec.cronSpec' },
          { name: 'Replicas', type: 'integer', jsonPath: '.spec.replicas' },
          { name: 'Missing', type: 'string', jsonPath: '.spec.nothing', priority: 1 },
          { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
        ],
      }),
    );
    expect(p.columns.map((c) => [c.name, c.type, c.priority])).toEqual([['Name', 'string', 0], ['Spec', 'string', 0], ['Replicas', 'integer', 0], ['Missing', 'string', 1], ['Age', 'date', 0]]);
    expect(p.cells(crontab, NOW)).toEqual(['my-new-cron-object', '* * * * */5', 3, null, '10m']);
  });

  it('a version without columns prints Name and Age', () => {
    const p = customPrinter(version({}));
    expect(p.columns.map((c) => c.name)).toEqual(['Name', 'Age']);
    expect(p.cells(crontab, NOW)).toEqual(['my-new-cron-object', '10m']);
  });
});

describe('custom resource scale subresource', () => {
  const paths = { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas', labelSelectorPath: '.status.labelSelector' };
  it('reads replicas and the selector through the CRD paths', () => {
    expect(customScaleOf(crontab as never, paths)).toMatchObject({ kind: 'Scale', apiVersion: 'autoscaling/v1', spec: { replicas: 3 }, status: { replicas: 2, selector: 'app=x' } });
  });
  it('writes spec replicas through the path, creating what is missing', () => {
    expect(setPath({ spec: { image: 'x' } }, '.spec.replicas', 5)).toEqual({ spec: { image: 'x', replicas: 5 } });
    expect(setPath({}, '.spec.scale.n', 1)).toEqual({ spec: { scale: { n: 1 } } });
  });
});
