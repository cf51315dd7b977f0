/** The DevTools pipe client: NUL-ended JSON messages however the pipe cuts them, answers matched to calls, a closed pipe failing what waits. */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CdpPipe, type CdpEvent } from '../../../src-main/server/jobs/cdp-pipe';

function pipe(): { cdp: CdpPipe; sent: () => unknown[]; reply: (text: string | Buffer) => void; end: () => void } {
  const toChromium = new PassThrough();
  const fromChromium = new PassThrough();
  let written = '';
  toChromium.on('data', (chunk: Buffer) => (written += chunk.toString('utf8')));
  return {
    cdp: new CdpPipe(toChromium, fromChromium),
    sent: () => written.split('\0').filter(Boolean).map((text) => JSON.parse(text) as unknown),
    reply: (text) => fromChromium.write(text),
    end: () => fromChromium.destroy(),
  };
}

describe('CdpPipe', () => {
  it('sends each command as one NUL-ended JSON message, with the session when given', async () => {
    const { cdp, sent, reply } = pipe();
    const browser = cdp.send('Target.createTarget', { url: 'about:blank' });
    const page = cdp.send('Page.enable', {}, 'S-1');
    reply('{"id":1,"result":{"targetId":"T-1"}}\0{"id":2,"result":{}}\0');
    expect(await browser).toEqual({ targetId: 'T-1' });
    expect(await page).toEqual({});
    expect(sent()).toEqual([
      { id: 1, method: 'Target.createTarget', params: { url: 'about:blank' } },
      { id: 2, method: 'Page.enable', params: {}, sessionId: 'S-1' },
    ]);
  });

  it('puts together a message the pipe delivered in pieces, even inside a multi-byte character', async () => {
    const { cdp, reply } = pipe();
    const answer = cdp.send('Page.printToPDF');
    const whole = Buffer.from('{"id":1,"result":{"data":"Schlaf – März"}}\0', 'utf8');
    const cut = whole.indexOf(Buffer.from('–', 'utf8')) + 1;
    reply(whole.subarray(0, cut));
    reply(whole.subarray(cut));
    expect(await answer).toEqual({ data: 'Schlaf – März' });
  });

  it('hands events to listeners with their session, and stops when told', async () => {
    const { cdp, reply } = pipe();
    const heard: CdpEvent[] = [];
    const first = new Promise<void>((resolve) => {
      const stop = cdp.onEvent((event) => {
        heard.push(event);
        stop();
        resolve();
      });
    });
    reply('{"method":"Page.loadEventFired","params":{"timestamp":1},"sessionId":"S-1"}\0');
    await first;
    // Messages are handled in order: once this answer is in, the event before it was handled too.
    const answer = cdp.send('Page.enable');
    reply('{"method":"Page.loadEventFired","params":{},"sessionId":"S-1"}\0{"id":1,"result":{}}\0');
    await answer;
    expect(heard).toEqual([{ method: 'Page.loadEventFired', params: { timestamp: 1 }, sessionId: 'S-1' }]);
  });

  it('fails a command Chromium answered with an error, naming the command', async () => {
    const { cdp, reply } = pipe();
    const answer = cdp.send('Page.navigate', { url: 'https://qs-report.invalid/' });
    reply('{"id":1,"error":{"code":-32000,"message":"Cannot navigate to invalid URL"}}\0');
    await expect(answer).rejects.toThrow('Page.navigate: Cannot navigate to invalid URL');
  });

  it('fails what waits with the same words when the pipe breaks rather than closes', async () => {
    const toChromium = new PassThrough();
    const fromChromium = new PassThrough();
    const cdp = new CdpPipe(toChromium, fromChromium);
    const waiting = cdp.send('Target.createBrowserContext');
    fromChromium.destroy(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }));
    await expect(waiting).rejects.toThrow('Target.createBrowserContext: Chromium closed its DevTools pipe (read ECONNRESET).');
  });

  it('fails every waiting command when the pipe closes, and any sent after', async () => {
    const { cdp, end } = pipe();
    const waiting = cdp.send('Page.printToPDF');
    end();
    await expect(waiting).rejects.toThrow('Page.printToPDF: Chromium closed its DevTools pipe.');
    await expect(cdp.send('Browser.close')).rejects.toThrow('Chromium closed its DevTools pipe.');
  });
});
