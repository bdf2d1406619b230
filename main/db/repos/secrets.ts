import type { Db } from '../connection';

/** Sealed secrets (see main/secrets): only ciphertext and a check value are stored. */
export function createSecretsRepo(db: Db) {
  const get = db.prepare<
    [string],
    { sealed: Buffer; check_value: string | null; updated_at: number }
  >('SELECT sealed, check_value, updated_at FROM secrets WHERE name = ?');
  const put = db.prepare(
    `INSERT INTO secrets (name, sealed, check_value, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET sealed = excluded.sealed, check_value = excluded.check_value,
       updated_at = excluded.updated_at`,
  );
  return {
    get(name: string) {
      const r = get.get(name);
      return r ? { sealed: r.sealed, checkValue: r.check_value, updatedAt: r.updated_at } : null;
    },
    put(name: string, sealed: Buffer, checkValue: string | null, now: number): void {
      put.run(name, sealed, checkValue, now);
    },
  };
}
export type SecretsRepo = ReturnType<typeof createSecretsRepo>;
