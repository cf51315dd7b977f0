import { describe, expect, it } from 'vitest';
import { DEFAULT_PORT, parseCliArgs } from '../../../src-main/server/cli-args';

describe('parseCliArgs', () => {
  it('defaults to port 4807 on 127.0.0.1 and no data folder', () => {
    expect(parseCliArgs([], {})).toEqual({ ok: true, options: { port: DEFAULT_PORT, host: '127.0.0.1', dataDir: null } });
    expect(DEFAULT_PORT).toBe(4807);
  });

  it('reads flags in both spellings, and --data-dir wins over QS_DATA_DIR', () => {
    expect(parseCliArgs(['--port', '0', '--host=::1', '--data-dir', '/d'], { QS_DATA_DIR: '/env' })).toEqual({
      ok: true,
      options: { port: 0, host: '::1', dataDir: '/d' },
    });
    expect(parseCliArgs(['--port=9000'], { QS_DATA_DIR: '/env' })).toEqual({
      ok: true,
      options: { port: 9000, host: '127.0.0.1', dataDir: '/env' },
    });
  });

  it.each([
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
