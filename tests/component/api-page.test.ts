/**
 * Settings › API: access tokens made (the secret shown once), listed and revoked after a
 * confirmation, errors in the core's words; the page's base URL and the operations read from
 * the API's document, grouped by tag; the desktop app's note that browser mode serves the API.
 */
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AccessToken, Api } from '../../src-preload/contract';
import ApiPage from '../../src-renderer/src/features/api-access/ApiPage.svelte';
import { operationGroups, tagLabel } from '../../src-renderer/src/features/api-access/api-document';
import { ok, stubApi } from './stub-api';

const BASE = 'http://127.0.0.1:4807/#/settings/api';
const laptop: AccessToken = { id: 'tok1', name: 'Laptop script', scope: 'read', createdAt: '2026-11-01T08:00:00.000Z', expiresAt: null, lastUsedAt: null, expired: false };
const old: AccessToken = { id: 'tok2', name: 'Old phone', scope: 'read-write', createdAt: '2026-01-01T08:00:00.000Z', expiresAt: '2026-02-01T08:00:00.000Z', lastUsedAt: '2026-01-20T08:00:00.000Z', expired: true };

const DOCUMENT = {
  tags: [
    { name: 'accounts', description: 'Profiles and sessions.' },
    { name: 'trackers', description: 'Trackers.' },
  ],
  paths: {
    '/api/trackers': {
      get: { operationId: 'listTrackers', summary: 'Every tracker.', tags: ['trackers'] },
      post: { operationId: 'createTracker', summary: 'Create a tracker.', tags: ['trackers'] },
    },
    '/api/session': { post: { operationId: 'logIn', summary: 'Log in.', tags: ['accounts'], security: [] } },
  },
};

function serveDocument(answer: () => Promise<Response>) {
  return vi.spyOn(globalThis, 'fetch').mockImplementation(answer);
}

afterEach(() => {
  vi.restoreAllMocks();
});

function renderPage(api: Partial<Api>, options: { desktop?: boolean } = {}) {
  render(ApiPage, { props: { api: stubApi({ listAccessTokens: () => ok({ accessTokens: [] }), ...api }), base: BASE, desktop: options.desktop ?? false } });
}

const rows = () => screen.getAllByTestId('token-row');
const rowText = (row: HTMLElement) => [within(row).getByRole('rowheader'), ...within(row).getAllByRole('cell')].map((cell) => cell.textContent?.replace(/\s+/g, ' ').trim());

describe('the API page', () => {
  it('names the base URL and lists the operations from the served document, grouped by tag', async () => {
    const fetched = serveDocument(() => Promise.resolve(new Response(JSON.stringify(DOCUMENT), { headers: { 'content-type': 'application/json' } })));
    renderPage({});
    expect(screen.getByTestId('api-base').textContent).toBe('http://127.0.0.1:4807/api');
    await screen.findAllByTestId('api-operation');
    expect(String(fetched.mock.calls[0]?.[0])).toBe('http://127.0.0.1:4807/api/openapi.json');
    expect(screen.getAllByRole('heading', { level: 3 }).map((heading) => heading.textContent)).toEqual(['New token', 'Accounts', 'Trackers']);
    expect(screen.getAllByTestId('api-operation').map((item) => item.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      'POST /api/session Log in. (no token needed)',
      'GET /api/trackers Every tracker.',
      'POST /api/trackers Create a tracker.',
    ]);
    expect(screen.getByText(/curl -H "Authorization: Bearer qs_pat_…" http:\/\/127\.0\.0\.1:4807\/api\/trackers/)).toBeTruthy();
  });

  it('says why when the document cannot be read', async () => {
    serveDocument(() => Promise.resolve(new Response('gone', { status: 404 })));
    renderPage({});
    expect((await screen.findByText(/could not be read/)).textContent).toBe('The API’s document could not be read (HTTP 404).');
  });

  it('in the desktop app, says browser mode serves the API and asks for no document', async () => {
    const fetched = serveDocument(() => Promise.reject(new Error('no server')));
    renderPage({ listAccessTokens: () => ok({ accessTokens: [laptop] }) }, { desktop: true });
    expect(screen.getByText(/The desktop app serves no API itself/)).toBeTruthy();
    await screen.findAllByTestId('token-row');
    expect(screen.queryByTestId('api-base')).toBeNull();
    expect(fetched).not.toHaveBeenCalled();
  });
});

describe('access tokens on the API page', () => {
  it('lists tokens with what they may do, when made and used, and when they expire', async () => {
    serveDocument(() => Promise.resolve(new Response('{}')));
    renderPage({ listAccessTokens: () => ok({ accessTokens: [laptop, old] }) }, { desktop: true });
    await screen.findAllByTestId('token-row');
    const [first, second] = rows();
    expect(rowText(first!)).toEqual(['Laptop script', 'Read only', expect.stringMatching(/2026/), 'Never', 'Never', 'Revoke…']);
    expect(rowText(second!)[1]).toBe('Read and write');
    expect(rowText(second!)[4]).toBe('Expired');
  });

  it('makes a token with the chosen scope and expiry, shows its secret once, and lists it', async () => {
    const createAccessToken = vi.fn<Api['createAccessToken']>(() =>
      ok({ token: 'qs_pat_p1_tok3_' + 'a'.repeat(64), accessToken: { ...laptop, id: 'tok3', name: 'Scale', scope: 'read-write', expiresAt: '2027-11-30T08:00:00.000Z' } }),
    );
    renderPage({ createAccessToken }, { desktop: true });
    await screen.findByText('No tokens yet.');
    await fireEvent.input(screen.getByLabelText('Name'), { target: { value: 'Scale' } });
    await fireEvent.click(screen.getByLabelText('Read and write'));
    await fireEvent.change(screen.getByLabelText('Expires after'), { target: { value: '365' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Make token' }));

    expect(createAccessToken.mock.calls).toEqual([[{ name: 'Scale', scope: 'read-write', expiresInDays: 365 }]]);
    expect((await screen.findByLabelText<HTMLInputElement>('The new token')).value).toBe('qs_pat_p1_tok3_' + 'a'.repeat(64));
    expect(screen.getByText(/shown only this once/)).toBeTruthy();
    expect(rows().map((row) => rowText(row)[0])).toEqual(['Scale']);
    expect(screen.getByLabelText<HTMLInputElement>('Name').value).toBe('');
  });

  it('asks for a name first, and shows the core’s refusal next to the field it names', async () => {
    const createAccessToken = vi.fn<Api['createAccessToken']>(() =>
      Promise.resolve({ ok: false, error: { code: 'ACCESS_TOKEN_NAME_TAKEN', message: 'A token named “Scale” exists already.', field: 'name' } }),
    );
    renderPage({ createAccessToken }, { desktop: true });
    await screen.findByText('No tokens yet.');
    await fireEvent.click(screen.getByRole('button', { name: 'Make token' }));
    expect((await screen.findByText('Name the token, e.g. after the script that uses it.')).closest('[id]')).toBeTruthy();
    expect(createAccessToken).not.toHaveBeenCalled();

    await fireEvent.input(screen.getByLabelText('Name'), { target: { value: 'Scale' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Make token' }));
    expect(await screen.findByText('A token named “Scale” exists already.')).toBeTruthy();
    expect(screen.getByLabelText('Name').getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByLabelText('The new token')).toBeNull();
  });

  it('revokes a token only after a confirmation, and can be cancelled', async () => {
    const revokeAccessToken = vi.fn<Api['revokeAccessToken']>(() => ok({}));
    renderPage({ listAccessTokens: () => ok({ accessTokens: [laptop, old] }), revokeAccessToken }, { desktop: true });
    await screen.findAllByTestId('token-row');
    await fireEvent.click(screen.getByRole('button', { name: 'Revoke Laptop script' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(revokeAccessToken).not.toHaveBeenCalled();
    expect(rows()).toHaveLength(2);

    await fireEvent.click(screen.getByRole('button', { name: 'Revoke Laptop script' }));
    const confirm = screen.getByRole('group', { name: 'Confirm revoking Laptop script' });
    await fireEvent.click(within(confirm).getByRole('button', { name: 'Revoke' }));
    expect(revokeAccessToken.mock.calls).toEqual([[{ tokenId: 'tok1' }]]);
    expect((await screen.findByText(/revoked: it no longer works/)).textContent).toBe('Token “Laptop script” revoked: it no longer works.');
    expect(rows().map((row) => rowText(row)[0])).toEqual(['Old phone']);
  });
});

describe('the operations of a document', () => {
  it('heads each tag in words', () => {
    expect(['accounts', 'access-tokens', 'csv', 'api'].map(tagLabel)).toEqual(['Accounts', 'Access tokens', 'CSV', 'API']);
  });


  it('reads only what it lists and passes over what it cannot read', () => {
    expect(operationGroups(null)).toEqual([]);
    expect(operationGroups({ paths: { '/api/x': { get: 'nonsense', post: { operationId: 'x', tags: ['other'] } } } })).toEqual([
      { tag: 'other', description: '', operations: [{ id: 'x', verb: 'POST', path: '/api/x', summary: '', needsToken: true }] },
    ]);
  });
});
