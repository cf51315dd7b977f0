import { describe, expect, it } from 'vitest';
import { DEFAULT_PORT, parseCliArgs } from '../../../src-main/server/cli-args';

describe('parseCliArgs', () => {
  it('defaults to port 4807 on 127.0.0.1 and no data folder', () => {
    expect(parseCliArgs([], {})).toEqual({ ok: true, options: { port: DEFAULT_PORT, host: '127.0.0.1', dataDir: null, sessionIdleMinutes: 30 } });
    expect(DEFAULT_PORT).toBe(4807);
  });

  it('reads flags in both spellings, and --data-dir wins over QS_DATA_DIR', () => {
    expect(parseCliArgs(['--port', '0', '--host=::1', '--data-dir', '/d'], { QS_DATA_DIR: '/env' })).toEqual({
      ok: true,
      options: { port: 0, host: '::1', dataDir: '/d', sessionIdleMinutes: 30 },
    });
    expect(parseCliArgs(['--port=9000'], { QS_DATA_DIR: '/env' })).toEqual({
      ok: true,
      options: { port: 9000, host: '127.0.0.1', dataDir: '/env', sessionIdleMinutes: 30 },
    });
  });

  it('reads --session-idle-minutes (0 = no limit)', () => {
    expect(parseCliArgs(['--session-idle-minutes', '5'], {})).toMatchObject({ ok: true, options: { sessionIdleMinutes: 5 } });
    expect(parseCliArgs(['--session-idle-minutes=0'], {})).toMatchObject({ ok: true, options: { sessionIdleMinutes: 0 } });
  });

  it.each([
    [['--session-idle-minutes', 'soon']],
    [['--session-idle-minutes', '-5']],
    [['--session-idle-minutes', '1441']],
    [['--port']],
    [['--port', 'abc']],
    [['--port', '70000']],
    [['--port', '-1']],
    [['--port=']],
    [['--verbose']],
    [['serve']],
  ])('refuses %j with a message', (argv) => {
    const parsed = parseCliArgs(argv, {});
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.message).not.toBe('');
  });
});
