/**
 * The words of returns by line (按商品退货, issue 15): the 退货 screen, its
 * errors and input rules, kept apart so the big catalogs only spread them in.
 * en must carry every key zh-CN has (the type says so).
 */
export const returnsZh = {
  returns: {
    title: '按商品退货',
    hint: '扫描小票上的单号条码，或输入单号按 Enter；也可按日期和卡号后四位查找。',
    orderNo: '单号（14 位）',
    find: '查找 (Enter)',
    date: '日期',
    last4: '卡号后四位（可不填）',
    search: '按日期查找',
    noOrders: '这一天没有可退货的单据。',
    back: '返回待机 (Esc)',
    paidAt: '付款时间',
    line: '商品',
    sold: '数量',
    returned: '已退',
    left: '可退',
    net: '实付',
    qty: '退货数量',
    amount: '退款',
    total: '退款合计',
    refundTo: '原路退回（银行卡 → 扫码 → 现金）',
    submit: '确认退货 (Enter)',
    resume: '继续退款',
    cancel: '取消退货',
    openReturns: '未完成的退货',
    done: '退货完成，退货单已送打印。',
    stopped: '退货未完成：',
    cashOut: '请从钱箱取出现金 {{amount}} 交给顾客。',
    kind: { void: '银行卡撤销', refund: '原路退款', cash: '现金退款' },
    tender: { card: '银行卡', qr: '扫码', cash: '现金' },
    state: { planned: '待退', started: '处理中', done: '已退' },
    withoutOriginal: '无原单退货（仅现金）',
    withoutOriginalRule: '允许无原单退货（仅现金，需主管和原因）',
    itemName: '商品名称',
    reason: '退货原因',
    addLine: '加一行',
    supervisorHere: '需主管当场授权',
    keysHint:
      '输入退货数量后按 Enter 到下一行（↑↓ 换行）；最后一行按 Enter 输入主管密码，再按 Enter 确认退货。',
  },
  rules: {
    returnOrderNo: '单号为 14 位数字（小票底部条码下方）',
    returnLast4: '卡号后四位为 4 位数字',
    returnLines: '请至少选择一行商品和数量',
    returnItemName: '请填写商品名称',
    returnReason: '无原单退货必须填写原因',
  },
  errors: {
    RETURN_ORDER_NOT_FOUND: '没有找到单号 {{orderNo}}：请核对小票上的单号，或按日期查找。',
    RETURN_ORDER_NOT_PAID: '单据 {{orderNo}} 未付款完成，不能退货。',
    RETURN_LINE_NOT_ON_ORDER: '所选商品行不在这张单据上：请重新查找单据。',
    RETURN_EXCEEDS: '“{{name}}”最多还可退 {{leftQty}} 件（{{left}}）：请减少退货数量。',
    RETURN_PAYMENTS_SHORT: '原付款剩余可退金额只有 {{left}}：请核对该单已做过的退款。',
    RETURN_CARD_PARTIAL:
      '银行卡付款 {{amount}} 在结算前只能整笔撤销，不能部分退 {{take}}：请整单退货，或结算后再办理部分退货。',
    RETURN_OPEN_EXISTS: '这张单据有未完成的退货 {{returnNo}}：请先继续或取消它。',
    RETURN_NOT_FOUND: '没有找到这笔退货。',
    RETURN_NOT_OPEN: '退货 {{returnNo}} 已完成或已取消。',
    RETURN_STEP_UNDECIDED:
      '退货 {{returnNo}} 有一笔退款结果未定：请稍后点“继续退款”查询，不要重复退款；银行卡退货请向银行核实后由主管确认。',
    RETURN_STEP_DECLINED:
      '退货 {{returnNo}} 的一笔退款被拒绝（{{code}}）：可重试“继续退款”，或取消退货。',
    RETURN_CANNOT_CANCEL: '退货 {{returnNo}} 已有款项退回，不能取消：请继续完成退款。',
    RETURN_WITHOUT_ORIGINAL_OFF: '本店未开启无原单退货：请找到原单据，或由主管在退货设置中开启。',
  },
};
export type ReturnsWords = typeof returnsZh;
