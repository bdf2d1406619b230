/**
 * 钱箱管理's words (issue 15: float, paid-in / paid-out, the blind count at
 * 交班, the drawer on the reports), kept apart so the big catalogs only spread
 * them in. en must carry every key zh-CN has (the type says so).
 */
export const cashZh = {
  screen: {
    menu: '收入 / 支出',
    floatTitle: '备用金',
    floatHint:
      '开班：请清点钱箱里的备用金，按 F 输入金额（没有请输入 0.00），Enter 确认。钱箱会打开。',
    floatLabel: '备用金金额',
    floatConfirm: '确认备用金 (Enter)',
    floatSet: '备用金 {{amount}} 已记录。',
    moveTitle: '收入 / 支出',
    moveHint: '收入：如银行换零钱；支出：如付供应商。需填写事由并由主管输入密码；钱箱会打开。',
    kindIn: '收入',
    kindOut: '支出',
    amount: '金额',
    reason: '事由',
    moveConfirm: '确认 (Enter)',
    moved: '{{kind}} {{amount}} 已记录，钱箱已打开。',
    movements: '本班钱箱记录',
    back: '返回 (Esc)',
    countTitle: '交班 · 清点现金',
    countHint: '请先清点钱箱里的现金并输入（盲点：清点前不显示应有金额）。',
    byTotal: '按总额',
    byDenomination: '按面额',
    countedTotal: '实点现金',
    pieces: '张/枚',
    countConfirm: '确认清点 (Enter)',
    expected: '应有现金',
    counted: '实点现金',
    overShort: '长短款',
    over: '长款 {{amount}}',
    short: '短款 {{amount}}',
    even: '平',
    float: '备用金',
    cashSales: '现金销售',
    cashRefunds: '现金退款',
    paidIn: '收入',
    paidOut: '支出',
    reportPrinted: '交班报表已打印。',
    drawer: '钱箱',
    countsIncluded: '已清点 {{count}} 个班次',
  },
  auditActions: {
    'cash.float': '备用金',
    'cash.paidIn': '收入',
    'cash.paidOut': '支出',
    'cash.counted': '交班清点',
    'drawer.opened': '开钱箱',
  },
  rules: {
    cashReason: '请填写事由（1–40 个字）',
    denomination: '面额只能是 100、50、20、10、5、1、0.5、0.1 元，每种一次',
    pieces: '张数必须是 0–99999 的整数',
  },
  errors: {
    CASH_FLOAT_SET: '本班备用金已记录，不能再次设定；如需补充请用"收入"。',
    CASH_COUNTED: '本班现金已清点，钱箱已结：请签退，下一班重新开班。',
  },
};
