import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import {
  buildCardReceipt,
  buildFaultSlip,
  CONSENT_LINE,
  type CardReceiptTransaction,
} from '../../../../main/domain/card-receipt';
import { maskPan } from '../../../../main/domain/pan';
import {
  DUPLICATE_MARK,
  TRAINING_MARK,
  type ReceiptTerminal,
} from '../../../../main/domain/receipt';
import type { PaperWidth, PrintDocument, PrintLine } from '../../../../native/printer/document';
import { decodeEscPos } from '../../../../native/printer/escpos-decoder';
import { encodeDocument } from '../../../../native/printer/escpos-encoder';

const FULL_PAN = '6222021234567890003';
const MASKED = maskPan(FULL_PAN); // 622202*********0003

const TERMINAL: ReceiptTerminal = {
  merchantName: '测试便利店',
  merchantNumber: '898310148160001',
  terminalNumber: 'T0000001',
  header: '',
  footer: '谢谢惠顾 THANK YOU',
};

// Built from local time parts: receipts print the terminal's local time.
const CREATED = new Date(2026, 10, 24, 17, 30, 5).getTime();
const NOW = new Date(2026, 10, 24, 17, 32, 41).getTime();

const SALE: CardReceiptTransaction = {
  type: 'sale',
  amountFen: 123456,
  operatorNo: '01',
  batchNo: '000001',
  traceNo: '000123',
  createdAt: CREATED,
  training: false,
  card: {
    panMasked: MASKED,
    entryMode: '051',
    authCode: '654321',
    rrn: '261124173005',
    issuer: '工商银行',
  },
};

const texts = (doc: PrintDocument): string[] =>
  doc.lines.flatMap((l: PrintLine) =>
    l.kind === 'text' ? [l.text] : l.kind === 'pair' ? [`${l.left}|${l.right}`] : [],
  );
const pair = (doc: PrintDocument, left: string) =>
  doc.lines.find((l) => l.kind === 'pair' && l.left === left) as
    Extract<PrintLine, { kind: 'pair' }> | undefined;
const countOf = (list: string[], text: string) => list.filter((t) => t === text).length;

/** The receipt as the printer gets it: ESC/POS bytes in GB18030, then read back. */
function render(doc: PrintDocument, paperWidth: PaperWidth = 80) {
  const bytes = encodeDocument(doc, { paperWidth });
  return {
    raw: iconv.decode(bytes, 'gb18030'),
    decoded: decodeEscPos(bytes),
    lines: decodeEscPos(bytes).lines.map((l) => l.text),
  };
}

describe('card receipt: merchant copy of an approved sale', () => {
  const doc = buildCardReceipt(TERMINAL, SALE, { copy: 'merchant', duplicate: false });

  it('is headed 银联POS签购单 and labelled 商户存根 MERCHANT COPY', () => {
    expect(doc.lines[0]).toEqual({
      kind: 'text',
      text: '银联POS签购单',
      align: 'center',
      bold: true,
      size: 'double',
    });
    expect(doc.lines[1]).toEqual({ kind: 'text', text: '商户存根 MERCHANT COPY', align: 'center' });
    expect(texts(doc)).not.toContain('持卡人存根 CARDHOLDER COPY');
    expect(doc.cut).toBe(true);
  });

  it('names the merchant, terminal and operator', () => {
    expect(texts(doc)).toContain('商户名称 MERCHANT NAME');
    expect(texts(doc)).toContain('测试便利店');
    expect(pair(doc, '商户编号 MERCHANT NO.')?.right).toBe('898310148160001');
    expect(pair(doc, '终端编号 TERMINAL NO.')?.right).toBe('T0000001');
    expect(pair(doc, '操作员号 OPERATOR')?.right).toBe('01');
  });

  it('shows the masked card number with its entry mode letter and the issuer', () => {
    expect(texts(doc)).toContain('卡号 CARD NO.');
    expect(texts(doc)).toContain(`${MASKED} I`);
    expect(pair(doc, '发卡行 ISSUER')?.right).toBe('工商银行');
  });

  it('carries type, batch, voucher, auth code, reference number, time and amount', () => {
    expect(pair(doc, '交易类型 TRANS TYPE')).toMatchObject({ right: '消费 SALE', bold: true });
    expect(pair(doc, '批次号 BATCH NO.')?.right).toBe('000001');
    expect(pair(doc, '凭证号 VOUCHER NO.')?.right).toBe('000123');
    expect(pair(doc, '授权码 AUTH NO.')?.right).toBe('654321');
    expect(pair(doc, '参考号 REFER NO.')?.right).toBe('261124173005');
    expect(pair(doc, '日期时间 DATE/TIME')?.right).toBe('2026/11/24 17:30:05');
    expect(pair(doc, '金额 AMOUNT')).toMatchObject({ right: 'RMB 1,234.56', bold: true });
  });

  it('has the signature line and the consent line, then the footer', () => {
    const t = texts(doc);
    const sig = t.indexOf('持卡人签名 CARDHOLDER SIGNATURE');
    expect(sig).toBeGreaterThan(t.indexOf('金额 AMOUNT|RMB 1,234.56'));
    expect(t.indexOf(CONSENT_LINE)).toBeGreaterThan(sig);
    expect(t.indexOf('谢谢惠顾 THANK YOU')).toBeGreaterThan(t.indexOf(CONSENT_LINE));
    expect(CONSENT_LINE).toMatch(/^本人确认以上交易.* I ACKNOWLEDGE /);
  });

  it('has no training or duplicate mark on a live original', () => {
    expect(texts(doc)).not.toContain(TRAINING_MARK);
    expect(texts(doc)).not.toContain(DUPLICATE_MARK);
  });

  it.each([80, 58] as const)(
    'prints on %i mm paper with the values on the lines and never the full PAN',
    (width) => {
      const { raw, lines, decoded } = render(doc, width);
      expect(raw).not.toContain(FULL_PAN);
      expect(raw).not.toContain(FULL_PAN.slice(6, -4));
      expect(raw).toContain(MASKED);
      expect(lines).toContain('商户存根 MERCHANT COPY');
      expect(lines).toContain(`${MASKED} I`);
      expect(lines.find((l) => l.startsWith('金额 AMOUNT'))).toMatch(/ RMB 1,234\.56$/);
      expect(lines.find((l) => l.startsWith('授权码 AUTH NO.'))).toMatch(/ 654321$/);
      expect(lines.find((l) => l.startsWith('参考号 REFER NO.'))).toMatch(/ 261124173005$/);
      expect(lines.find((l) => l.startsWith('凭证号 VOUCHER NO.'))).toMatch(/ 000123$/);
      expect(lines.find((l) => l.startsWith('批次号 BATCH NO.'))).toMatch(/ 000001$/);
      expect(lines).toContain('持卡人签名 CARDHOLDER SIGNATURE');
      expect(decoded.cuts).toBe(1);
      expect(decoded.drawerKicks).toBe(0); // a card sale never opens the drawer
      expect(decoded.unknownCommands).toBe(0);
      for (const l of lines) expect(l.length).toBeLessThanOrEqual(width === 80 ? 48 : 32);
    },
  );
});

describe('card receipt: cardholder copy', () => {
  const doc = buildCardReceipt(TERMINAL, SALE, { copy: 'cardholder', duplicate: false });

  it('is labelled 持卡人存根 CARDHOLDER COPY and has no signature line', () => {
    expect(doc.lines[1]).toEqual({
      kind: 'text',
      text: '持卡人存根 CARDHOLDER COPY',
      align: 'center',
    });
    expect(texts(doc)).not.toContain('商户存根 MERCHANT COPY');
    expect(texts(doc)).not.toContain('持卡人签名 CARDHOLDER SIGNATURE');
  });

  it('carries the same transaction facts as the merchant copy', () => {
    const merchant = buildCardReceipt(TERMINAL, SALE, { copy: 'merchant', duplicate: false });
    const facts = (d: PrintDocument) =>
      d.lines.filter((l) => l.kind === 'pair').map((l) => (l.kind === 'pair' ? l : null));
    expect(facts(doc)).toEqual(facts(merchant));
    expect(texts(doc)).toContain(`${MASKED} I`);
    expect(texts(doc)).toContain(CONSENT_LINE);
  });

  it('never prints the full card number', () => {
    const { raw, lines } = render(doc);
    expect(raw).not.toContain(FULL_PAN);
    expect(JSON.stringify(doc)).not.toContain(FULL_PAN);
    expect(lines).toContain('持卡人存根 CARDHOLDER COPY');
  });
});

describe('card receipt: variants', () => {
  it('marks a training receipt at the top and by the reference, on both copies', () => {
    for (const copy of ['merchant', 'cardholder'] as const) {
      const doc = buildCardReceipt(
        TERMINAL,
        { ...SALE, training: true },
        { copy, duplicate: false },
      );
      const t = texts(doc);
      expect(countOf(t, TRAINING_MARK)).toBe(2);
      expect(t.indexOf(TRAINING_MARK)).toBeLessThan(t.indexOf('商户名称 MERCHANT NAME'));
      expect(t.lastIndexOf(TRAINING_MARK)).toBeGreaterThan(t.indexOf('备注 REFERENCE'));
      expect(render(doc).lines).toContain('*** 培训 TRAINING ***');
    }
  });

  it('marks a reprint as duplicate', () => {
    const doc = buildCardReceipt(TERMINAL, SALE, { copy: 'merchant', duplicate: true });
    expect(countOf(texts(doc), DUPLICATE_MARK)).toBe(2);
    expect(countOf(texts(doc), TRAINING_MARK)).toBe(0);
    expect(render(doc).lines).toContain('*** 重打印 DUPLICATE ***');
  });

  it.each([
    ['021', 'S'],
    ['051', 'I'],
    ['071', 'C'],
    ['012', 'M'],
  ])('shows entry mode %s as %s after the card number', (entryMode, letter) => {
    const doc = buildCardReceipt(
      TERMINAL,
      { ...SALE, card: { ...SALE.card!, entryMode } },
      { copy: 'merchant', duplicate: false },
    );
    expect(texts(doc)).toContain(`${MASKED} ${letter}`);
  });

  it('prints the card number alone for an unknown entry mode', () => {
    const doc = buildCardReceipt(
      TERMINAL,
      { ...SALE, card: { ...SALE.card!, entryMode: '999' } },
      { copy: 'merchant', duplicate: false },
    );
    expect(texts(doc)).toContain(MASKED);
  });

  it.each([
    ['void', '消费撤销 VOID'],
    ['refund', '退货 REFUND'],
    ['preauth', '预授权 AUTH'],
    ['preauth_cancel', '预授权撤销 AUTH CANCEL'],
    ['preauth_complete', '预授权完成 AUTH COMPLETE'],
  ] as const)('labels a %s as %s', (type, label) => {
    const doc = buildCardReceipt(
      TERMINAL,
      { ...SALE, type },
      { copy: 'merchant', duplicate: false },
    );
    expect(pair(doc, '交易类型 TRANS TYPE')?.right).toBe(label);
  });

  it('leaves out the issuer line when the host named none, and blanks missing numbers', () => {
    const doc = buildCardReceipt(
      TERMINAL,
      { ...SALE, card: { ...SALE.card!, issuer: null, authCode: null, rrn: null } },
      { copy: 'merchant', duplicate: false },
    );
    expect(pair(doc, '发卡行 ISSUER')).toBeUndefined();
    expect(pair(doc, '授权码 AUTH NO.')?.right).toBe('');
    expect(pair(doc, '参考号 REFER NO.')?.right).toBe('');
  });

  it('formats small and large amounts as RMB x.xx', () => {
    const amount = (amountFen: number) =>
      pair(
        buildCardReceipt(TERMINAL, { ...SALE, amountFen }, { copy: 'merchant', duplicate: false }),
        '金额 AMOUNT',
      )?.right;
    expect(amount(1)).toBe('RMB 0.01');
    expect(amount(100)).toBe('RMB 1.00');
    expect(amount(99_999_999)).toBe('RMB 999,999.99');
  });

  it('prints each non-blank footer line, trimmed', () => {
    const doc = buildCardReceipt(
      { ...TERMINAL, footer: '欢迎再次光临\n  WELCOME BACK  \n\n' },
      SALE,
      { copy: 'cardholder', duplicate: false },
    );
    const t = texts(doc);
    expect(t).toContain('欢迎再次光临');
    expect(t).toContain('WELCOME BACK');
    expect(t).not.toContain('');
  });
});

describe('fault slip for a reversal that could not be delivered', () => {
  const tx: CardReceiptTransaction = {
    ...SALE,
    card: { ...SALE.card!, reversalReason: 'A0' },
  };
  const doc = buildFaultSlip(TERMINAL, tx, NOW);

  it('says in Chinese then English that a person must handle it', () => {
    expect(doc.lines[0]).toMatchObject({ kind: 'text', text: '冲正不成功,请人工处理', bold: true });
    expect(doc.lines[1]).toMatchObject({ kind: 'text', text: 'REVERSAL FAILED - HANDLE MANUALLY' });
    expect(texts(doc)).toContain('请联系收单机构核实此笔交易是否扣款。');
    expect(texts(doc)).toContain('Ask the acquirer whether the card was charged.');
    expect(doc.cut).toBe(true);
  });

  it('identifies the transaction: terminal, masked card, type, batch, voucher, amount, reason', () => {
    expect(pair(doc, '商户编号 MERCHANT NO.')?.right).toBe('898310148160001');
    expect(pair(doc, '终端编号 TERMINAL NO.')?.right).toBe('T0000001');
    expect(pair(doc, '卡号 CARD NO.')?.right).toBe(MASKED);
    expect(pair(doc, '交易类型 TRANS TYPE')?.right).toBe('消费 SALE');
    expect(pair(doc, '批次号 BATCH NO.')?.right).toBe('000001');
    expect(pair(doc, '凭证号 VOUCHER NO.')?.right).toBe('000123');
    expect(pair(doc, '冲正原因 REASON')?.right).toBe('A0');
    expect(pair(doc, '金额 AMOUNT')).toMatchObject({ right: 'RMB 1,234.56', bold: true });
  });

  it('shows both when the transaction happened and when the slip was printed', () => {
    expect(pair(doc, '交易时间 TRANS TIME')?.right).toBe('2026/11/24 17:30:05');
    expect(pair(doc, '打印时间 PRINTED')?.right).toBe('2026/11/24 17:32:41');
  });

  it('defaults the reason to 98 (no answer) when none was recorded', () => {
    const slip = buildFaultSlip(TERMINAL, { ...SALE, card: { ...SALE.card! } }, NOW);
    expect(pair(slip, '冲正原因 REASON')?.right).toBe('98');
    const nullReason = buildFaultSlip(
      TERMINAL,
      { ...SALE, card: { ...SALE.card!, reversalReason: null } },
      NOW,
    );
    expect(pair(nullReason, '冲正原因 REASON')?.right).toBe('98');
  });

  it('is marked in training mode and not otherwise', () => {
    expect(texts(doc)).not.toContain(TRAINING_MARK);
    const training = buildFaultSlip(TERMINAL, { ...tx, training: true }, NOW);
    expect(countOf(texts(training), TRAINING_MARK)).toBe(1);
    expect(texts(training)).not.toContain(DUPLICATE_MARK);
  });

  it('prints without the full card number', () => {
    const { raw, lines, decoded } = render(doc, 58);
    expect(raw).not.toContain(FULL_PAN);
    expect(raw).toContain(MASKED);
    // Double size on 58 mm paper leaves 16 columns: the heading wraps onto a second line.
    expect(lines.slice(0, 2).join('')).toBe('冲正不成功,请人工处理');
    expect(decoded.lines[0]).toMatchObject({ align: 'center', bold: true, double: true });
    expect(lines.join('\n')).toMatch(/冲正原因 REASON +A0/);
    expect(decoded.cuts).toBe(1);
  });
});
