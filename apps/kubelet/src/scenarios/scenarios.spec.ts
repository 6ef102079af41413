import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { runScenario, type Scenario } from './scenario-runner';

/**
 * Golden scenarios (tests/scenarios): `<case>.input.yaml` (a docs manifest + actions) →
 * `<case>.output` (the STATUS timeline and the kubelet's events). `KUBESIM_UPDATE_GOLDEN=1`
 * rewrites the outputs; review the diff before committing it.
 */
const DIR = resolve(__dirname, '../../../../tests/scenarios');
const UPDATE = process.env.KUBESIM_UPDATE_GOLDEN === '1';
const cases = readdirSync(DIR).filter((f) => f.endsWith('.input.yaml')).map((f) => f.replace(/\.input\.yaml$/, ''));

describe('golden scenarios', () => {
  it('there are scenarios to run', () => {
    expect(cases.length).toBeGreaterThanOrEqual(4);
  });

  it.each(cases)('%s', (name) => {
    const actual = runScenario(parse(readFileSync(join(DIR, `${name}.input.yaml`), 'utf8')) as Scenario);
    const golden = join(DIR, `${name}.output`);
    if (UPDATE || !existsSync(golden)) writeFileSync(golden, actual);
    expect(actual).toBe(readFileSync(golden, 'utf8'));
  });
});
