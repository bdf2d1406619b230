import { describe, expect, it } from 'vitest';
import { classifyPaymentCode } from '../../../../main/domain/qr-code';
import { createTrainingLedger } from '../../../../main/qr/training-ledger';
import {
  createSimulatedScanner,
  isSimulatedScanner,
  TRAINING_CODES,
  type TrainingCodeOutcome,
} from '../../../../native/scanner';
import { createSerialScanner } from '../../../../native/scanner/serial-scanner';
import { duplexPair } from 'node:stream';

describe('simulated scanner', () => {
  it('emits a scanned code to every listener until it is closed', async () => {
    const scanner = createSimulatedScanner();
    expect(scanner.kind).toBe('simulated');
    expect(isSimulatedScanner(scanner)).toBe(true);
    const a: string[] = [];
    const b: string[] = [];
    scanner.onScan((c) => a.push(c));
    const offB = scanner.onScan((c) => b.push(c));
    scanner.scan('134567890123456780');
    offB();
    scanner.scan('283456789012345671');
    expect(a).toEqual(['134567890123456780', '283456789012345671']);
    expect(b).toEqual(['134567890123456780']);
    await scanner.close();
    scanner.scan('6212345678901234563');
    expect(a).toHaveLength(2);
  });

  it('finds training codes by id, and a listener that throws does not stop the others', () => {
    const errors: string[] = [];
    const scanner = createSimulatedScanner({ onError: (e) => errors.push(e.code) });
    expect(scanner.find('wechat-insufficient')?.code).toBe('134567890123456787');
    expect(scanner.find('nope')).toBeUndefined();
    const got: string[] = [];
    scanner.onScan(() => {
      throw new Error('boom');
    });
    scanner.onScan((c) => got.push(c));
    expect(() => scanner.scan('123456')).not.toThrow();
    expect(got).toEqual(['123456']);
    expect(errors).toEqual(['SCANNER_LISTENER_FAILED']);
  });

  it('is told apart from a serial scanner', async () => {
    const [port, other] = duplexPair();
    const serial = createSerialScanner(port);
    expect(isSimulatedScanner(serial)).toBe(false);
    await serial.close();
    other.destroy();
  });
});

/** What the training gateway's /pay answers at once, per outcome (training-ledger.ts table). */
const FIRST_ANSWER: Record<Exclude<TrainingCodeOutcome, 'refused'>, string> = {
  success: 'SUCCESS',
  'paying-then-success': 'USERPAYING',
  'paying-then-cancelled': 'USERPAYING',
  'insufficient-balance': 'FAIL NOTENOUGH',
  'system-error-then-cancelled': 'HTTP 500',
  'reply-lost-then-success': 'SUCCESS held',
};
const LAST_DIGITS: Record<TrainingCodeOutcome, string> = {
  success: '01234',
  'paying-then-success': '5',
  'paying-then-cancelled': '6',
  'insufficient-balance': '7',
  'system-error-then-cancelled': '8',
  'reply-lost-then-success': '9',
  refused: '0123456789',
};

describe('training codes', () => {
  it('have unique ids and codes, both names, and ids the contract accepts', () => {
    expect(new Set(TRAINING_CODES.map((c) => c.id)).size).toBe(TRAINING_CODES.length);
    expect(new Set(TRAINING_CODES.map((c) => c.code)).size).toBe(TRAINING_CODES.length);
    for (const c of TRAINING_CODES) {
      expect(c.id).toMatch(/^[a-z0-9-]{1,40}$/);
      expect(c.nameZh.trim()).not.toBe('');
      expect(c.nameEn.trim()).not.toBe('');
      expect(c.code).toMatch(/^[\x20-\x7e]{1,64}$/); // what a serial scanner could report
    }
  });

  it('cover every gateway scenario with WeChat, plus Alipay, UnionPay and a refused code', () => {
    const wallets = TRAINING_CODES.map((c) => {
      const k = classifyPaymentCode(c.code);
      return k.ok ? `${k.wallet}:${c.code.slice(-1)}` : `refused:${k.reason}`;
    });
    for (const d of ['0', '5', '6', '7', '8', '9']) {
      expect(wallets).toContain(`wechat:${d}`);
    }
    expect(wallets.some((w) => /^alipay:[0-4]$/.test(w))).toBe(true);
    expect(wallets.some((w) => /^unionpay:[0-4]$/.test(w))).toBe(true);
    expect(TRAINING_CODES.find((c) => c.code === '123456')?.outcome).toBe('refused');
  });

  it.each(TRAINING_CODES.map((c) => [c.id, c] as const))(
    '%s: the app classifies it and the training gateway answers as its outcome says',
    (_id, c) => {
      const k = classifyPaymentCode(c.code);
      expect(k.ok).toBe(c.outcome !== 'refused');
      expect(LAST_DIGITS[c.outcome]).toContain(c.code.slice(-1));
      if (c.outcome === 'refused') return;
      const ledger = createTrainingLedger();
      const answer = ledger.pay({
        merchant: '123456789012345',
        terminal: 'T0000001',
        orderNo: 'ORDER1',
        authCode: c.code,
        amountFen: 1250,
      });
      const first =
        answer.http === 200
          ? `${answer.reply.status}${answer.reply.code === 'NOTENOUGH' ? ' NOTENOUGH' : ''}${answer.holdMs ? ' held' : ''}`
          : `HTTP ${answer.http}`;
      expect(first).toBe(FIRST_ANSWER[c.outcome]);
    },
  );
});
