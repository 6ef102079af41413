import { CHANNEL, exitStatus, frame, parseClientFrame, pickProtocol } from './exec-channels';

describe('remotecommand WebSocket channels', () => {
  it.each([
    [['v5.channel.k8s.io', 'v4.channel.k8s.io'], 'v5.channel.k8s.io'],
    [['v4.channel.k8s.io', 'v5.channel.k8s.io'], 'v5.channel.k8s.io'],
    [['v4.channel.k8s.io'], 'v4.channel.k8s.io'],
    [['channel.k8s.io', 'base64.channel.k8s.io'], undefined],
  ])('offered %j → %s', (offered, picked) => {
    expect(pickProtocol(offered)).toBe(picked);
  });

  it('a server frame is the channel byte, then the bytes', () => {
    expect([...frame(CHANNEL.stdout, 'hi\n')]).toEqual([1, 104, 105, 10]);
    expect([...frame(CHANNEL.error, '{}')]).toEqual([3, 123, 125]);
  });

  it('client frames: stdin data, v5 close of stdin, resize', () => {
    expect(parseClientFrame(Buffer.from([0, 97, 10]), 'v5.channel.k8s.io')).toEqual({ kind: 'stdin', data: Buffer.from('a\n') });
    expect(parseClientFrame(Buffer.from([255, 0]), 'v5.channel.k8s.io')).toEqual({ kind: 'close', channel: 0 });
    expect(parseClientFrame(Buffer.from([4, 123, 125]), 'v5.channel.k8s.io')).toEqual({ kind: 'resize' });
  });

  it('v4 has no close channel', () => {
    expect(parseClientFrame(Buffer.from([255, 0]), 'v4.channel.k8s.io')).toEqual({ kind: 'other', channel: 255 });
  });

  it('exit 0 → Success; any other code → NonZeroExitCode with an ExitCode cause (what kubectl turns into its exit code)', () => {
    expect(exitStatus(['true'], 0)).toEqual({ metadata: {}, status: 'Success' });
    expect(exitStatus(['sh', '-c', 'exit 3'], 3)).toEqual({
      metadata: {},
      status: 'Failure',
      message: 'command terminated with non-zero exit code: error executing command [sh -c exit 3], exit code 3',
      reason: 'NonZeroExitCode',
      details: { causes: [{ reason: 'ExitCode', message: '3' }] },
    });
  });
});
