/**
 * `jobProgress`, answered by the core's host from the figures its worker publishes: a poll
 * must be answered while the worker is busy with the very job it asks about. The input and
 * session are checked by the same rules as every other call (`checkCall`).
 */
import type { JobView } from '../../src-preload/contract';
import { checkCall, type Dispatched, type Session } from '../core/dispatch';

export function answerProgress(input: unknown, session: Session | null, jobOf: (profileId: string) => JobView | null): Dispatched {
  const checked = checkCall('jobProgress', input, session);
  if (!checked.ok) return checked.refused;
  // `checkCall` refuses a session-bound operation without a session.
  const profileId = session?.profileId ?? '';
  return { result: { ok: true, value: { job: jobOf(profileId) } }, session };
}
