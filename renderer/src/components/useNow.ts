import { useEffect, useState } from 'react';
import { pos } from '../lib/pos';

/**
 * The time shown on screen follows the main side's clock (the terminal's one
 * clock; after a host sign-in, the host's). The app info in the store may be
 * minutes old, so its `now` only seeds the offset: on mount the main side's
 * time is asked afresh and the offset is taken from that answer (issue 18
 * item 14: the clock lagged by the age of the stored info).
 */
export function useNow(mainNowIso: string | undefined): Date {
  const [offset, setOffset] = useState(() =>
    mainNowIso ? new Date(mainNowIso).getTime() - Date.now() : 0,
  );
  const [now, setNow] = useState(() => new Date(Date.now() + offset));
  useEffect(() => {
    let live = true;
    void pos()
      .app.info({})
      .then((r) => {
        if (live && r.ok) setOffset(new Date(r.value.now).getTime() - Date.now());
      });
    return () => {
      live = false;
    };
  }, []);
  useEffect(() => {
    setNow(new Date(Date.now() + offset));
    const timer = setInterval(() => setNow(new Date(Date.now() + offset)), 1000);
    return () => clearInterval(timer);
  }, [offset]);
  return now;
}

const p = (n: number) => String(n).padStart(2, '0');
export const formatDate = (d: Date) =>
  `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
export const formatTime = (d: Date) =>
  `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
