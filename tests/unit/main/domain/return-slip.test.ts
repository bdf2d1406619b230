import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { buildReturnSlip, type ReturnSlip } from '../../../../main/domain/return-slip';
import { decodeEscPos } from '../../../../native/printer/escpos-decoder';
import { encodeDocument } from '../../../../native/printer/escpos-encoder';

const TERMINAL = {
  merchantName: '测试便利店',
  merchantNumber: '898310148160001',
  terminalNumber: 'T0000001',
  header: '',
  footer: '谢谢惠顾 THANK YOU',
};
const SLIP: ReturnSlip = {
  returnNo: 'R20261204000007',
  orderNo: '20261204000123',
  reason: null,
  operatorNo: '01',
  supervisorNo: '00',
  training: true,
  at: Date.parse('2026-12-04T16:02:00+08:00'),
  lines: [
    { name: '乐事薯片 75g', quantity: 1, amountFen: 850 },
    { name: '农夫山泉 550ml', quantity: 3, amountFen: 600 },
  ],
  totalFen: 1450,
  refunds: [
    {
      tender: 'card',
      kind: 'void',
      amountFen: 1000,
      done: true,
      panMasked: '622202*********0003',
      voucher: '000001/000012',
    },
    {
      tender: 'cash',
      kind: 'cash',
      amountFen: 450,
      done: true,
      panMasked: null,
      voucher: '000001/000013',
    },
  ],
};

const print = (slip: ReturnSlip, width: 58 | 80) =>
  decodeEscPos(encodeDocument(buildReturnSlip(TERMINAL, slip), { paperWidth: width }));

describe('the return slip (退货单)', () => {
  it('lists the lines, the total and each refund with its card and voucher; the drawer opens for cash', () => {
    const r = print(SLIP, 80);
    const text = r.lines.map((l) => l.text).join('\n');
    expect(text).toContain('退货单 RETURN SLIP');
    expect(text).toMatch(/原单号 ORIGINAL ORDER +20261204000123/);
    expect(text).toMatch(/乐事薯片 75g\n {2}x 1 +RMB -8\.50/);
    expect(text).toMatch(/退款合计 REFUND TOTAL +RMB 14\.50/);
    expect(text).toMatch(
      /银行卡撤销 CARD VOID +RMB 10\.00\n {2}622202\*+0003\n {2}凭证号 VOUCHER 000001\/000012/,
    );
    expect(text).toMatch(/现金退款 CASH OUT +RMB 4\.50/);
    expect(text).toContain('顾客签名 CUSTOMER SIGNATURE');
    expect(r.lines.find((l) => l.barcode)?.barcode).toEqual({
      symbology: 'code128',
      data: 'R20261204000007',
    });
    expect(r.drawerKicks).toBe(1);
    // no cash, no drawer; a step not done is marked
    const cardOnly = print({ ...SLIP, refunds: [{ ...SLIP.refunds[0]!, done: false }] }, 80);
    expect(cardOnly.drawerKicks).toBe(0);
    expect(cardOnly.lines.map((l) => l.text).join('\n')).toContain('未完成 NOT DONE');
  });

  it('fits 58 mm (32 columns) and 80 mm (48 columns), with a reason when there is no original', () => {
    const without = { ...SLIP, orderNo: null, reason: '顾客丢失小票', refunds: [SLIP.refunds[1]!] };
    for (const [width, cols] of [
      [58, 32],
      [80, 48],
    ] as const) {
      for (const slip of [SLIP, without])
        for (const l of print(slip, width).lines) {
          if (l.barcode || l.double) continue;
          const columns = [...l.text].reduce((n, ch) => n + iconv.encode(ch, 'gb18030').length, 0);
          expect(columns, `${width} mm: "${l.text}"`).toBeLessThanOrEqual(cols);
        }
    }
    expect(
      print(without, 58)
        .lines.map((l) => l.text)
        .join('\n'),
    ).toContain('无原单退货 NO ORIGINAL');
  });
});
