import { useEffect, useState } from 'react';

/**
 * The time shown on screen follows the main side's clock (the terminal's one
 * clock; after a host sign-in, the host's): we keep the offset from app info.
 */
export function useNow(mainNowIso: string | undefined): Date {
  const [offset] = useState(() => (mainNowIso ? new Date(mainNowIso).getTime() - Date.now() : 0));
  const [now, setNow] = useState(() => new Date(Date.now() + offset));
  useEffect(() => {
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
