import { Pod } from '@kubesim/api';
import { FilterResult, newNodeInfo, SKIP, success } from '../framework';
import { makeNode, makePod } from '../testing/builders';
import { hostPortsConflict, nodePorts, podHostPorts } from './node-ports.plugin';

const node = makeNode('n1').build();
const ok: FilterResult = { code: 'Success', reasons: [] };
const taken: FilterResult = { code: 'Unschedulable', reasons: ["node(s) didn't have free ports for the requested pod ports"] };
const on = (b: ReturnType<typeof makePod>) => b.nodeName('n1').phase('Running').build();

describe('NodePorts filter', () => {
  it.each<[string, Pod, Pod[], FilterResult]>([
    ['a pod without host ports always fits', makePod().container({ ports: [{ containerPort: 80 }] }).build(), [on(makePod('a').hostPort(80))], ok],
    ['a free host port', makePod().hostPort(8080).build(), [on(makePod('a').hostPort(80))], ok],
    ['the same host port and protocol', makePod().hostPort(80).build(), [on(makePod('a').hostPort(80))], taken],
    ['the same port, another protocol', makePod().hostPort(53, 'UDP').build(), [on(makePod('a').hostPort(53, 'TCP'))], ok],
    ['0.0.0.0 conflicts with a specific IP', makePod().hostPort(80).build(), [on(makePod('a').hostPort(80, 'TCP', '10.0.0.1'))], taken],
    ['two different IPs do not conflict', makePod().hostPort(80, 'TCP', '10.0.0.2').build(), [on(makePod('a').hostPort(80, 'TCP', '10.0.0.1'))], ok],
    ['a specific IP conflicts with 0.0.0.0', makePod().hostPort(80, 'TCP', '10.0.0.2').build(), [on(makePod('a').hostPort(80))], taken],
    ['a finished pod holds no port', makePod().hostPort(80).build(), [makePod('a').hostPort(80).nodeName('n1').phase('Succeeded').build()], ok],
    [
      'a sidecar holds its host port for the life of the pod',
      makePod().hostPort(9000).build(),
      [on(makePod('a').initContainer({ restartPolicy: 'Always', ports: [{ containerPort: 9000, hostPort: 9000 }] }))],
      taken,
    ],
    [
      'a regular init container has finished: its host port is free',
      makePod().hostPort(9000).build(),
      [on(makePod('a').initContainer({ ports: [{ containerPort: 9000, hostPort: 9000 }] }))],
      ok,
    ],
  ])('%s', (_name, pod, pods, expected) => {
    // A pod without host ports makes the PreFilter Skip: the filter is not run and the node fits.
    const state = nodePorts.preFilter(pod);
    expect(state === SKIP ? success() : nodePorts.filter(pod, newNodeInfo(node, pods), state)).toEqual(expected);
  });

  it('a missing protocol is TCP and a missing host IP is 0.0.0.0', () => {
    const pod = makePod().container({ ports: [{ containerPort: 80, hostPort: 8080 }] }).build();
    expect(podHostPorts(pod)).toEqual([{ ip: '0.0.0.0', protocol: 'TCP', port: 8080 }]);
    expect(hostPortsConflict(podHostPorts(pod)[0], { ip: '127.0.0.1', protocol: 'TCP', port: 8080 })).toBe(true);
  });
});
