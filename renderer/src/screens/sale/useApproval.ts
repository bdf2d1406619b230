import { useCallback, useRef, useState } from 'react';
import type { PosError, Result } from '../../../../preload/contract';

export interface Supervisor {
  operatorNo: string;
  password: string;
}

/** What the supervisor is asked to approve (errors.APPROVAL_REQUIRED's reason). */
export interface ApprovalRequest {
  reason: string;
}

/**
 * Runs a basket change that a cashier may be refused alone: the first try goes
 * without approval; if the main side answers APPROVAL_REQUIRED, the supervisor
 * is asked (their number and password, at the moment) and the same change is
 * sent again with it. The main side decides when approval is needed (the
 * discount limit, the line-delete rule, …); the screen only asks.
 */
export function useApproval() {
  const [request, setRequest] = useState<ApprovalRequest | null>(null);
  const [error, setError] = useState<PosError | null>(null);
  const [busy, setBusy] = useState(false);
  const pending = useRef<{
    send: (supervisor: Supervisor) => Promise<Result<unknown>>;
    done: (value: unknown) => void;
  } | null>(null);

  const run = useCallback(
    async <T>(
      send: (supervisor?: Supervisor) => Promise<Result<T>>,
      done: (value: T) => void,
    ): Promise<void> => {
      if (busy) return;
      setBusy(true);
      const r = await send();
      setBusy(false);
      if (r.ok) {
        setError(null);
        return done(r.value);
      }
      if (r.error.code === 'APPROVAL_REQUIRED') {
        pending.current = {
          send: send as (s: Supervisor) => Promise<Result<unknown>>,
          done: done as (v: unknown) => void,
        };
        setError(null);
        setRequest({ reason: String(r.error.params?.reason ?? '') });
        return;
      }
      setError(r.error);
    },
    [busy],
  );

  /** The supervisor's answer to the open request: the change goes again with it. */
  const approve = useCallback(async (supervisor: Supervisor): Promise<PosError | null> => {
    const p = pending.current;
    if (!p) return null;
    setBusy(true);
    const r = await p.send(supervisor);
    setBusy(false);
    if (!r.ok) return r.error;
    pending.current = null;
    setRequest(null);
    p.done(r.value);
    return null;
  }, []);

  const dismiss = useCallback(() => {
    pending.current = null;
    setRequest(null);
  }, []);

  return { run, request, approve, dismiss, error, setError, busy };
}
export type Approval = ReturnType<typeof useApproval>;
