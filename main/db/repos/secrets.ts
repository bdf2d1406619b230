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
  const names = db.prepare<[], { name: string }>('SELECT name FROM secrets ORDER BY name');
  const remove = db.prepare('DELETE FROM secrets WHERE name = ?');
  const anySecret = db.prepare<[], { sealed: Buffer }>('SELECT sealed FROM secrets LIMIT 1');
  const anyCard = db.prepare<[], { card_sealed: Buffer }>(
    'SELECT card_sealed FROM transactions WHERE card_sealed IS NOT NULL LIMIT 1',
  );
  const reversalCards = db.prepare<
    [],
    {
      batch_no: string;
      trace_no: string;
      amount_fen: number;
      pan_masked: string | null;
      created_at: number;
    }
  >(
    `SELECT batch_no, trace_no, amount_fen, pan_masked, created_at FROM transactions
     WHERE state IN ('pending', 'reversal_pending') AND card_sealed IS NOT NULL ORDER BY id`,
  );
  return {
    /** One value sealed under the data key (a secret or a card), to check the key opens it. */
    probe(): Buffer | null {
      return anySecret.get()?.sealed ?? anyCard.get()?.card_sealed ?? null;
    },
    names(): string[] {
      return names.all().map((r) => r.name);
    },
    remove(name: string): void {
      remove.run(name);
    },
    /** Card transactions whose reversal needs their sealed card number. */
    reversalCards() {
      return reversalCards.all().map((r) => ({
        batchNo: r.batch_no,
        traceNo: r.trace_no,
        amountFen: r.amount_fen,
        panMasked: r.pan_masked ?? '',
        createdAt: r.created_at,
      }));
    },
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
