/**
 * The words of settling an uncertain card refund (issue 15 leftover): the
 * shared form on the transaction detail, the abandon and the return screens,
 * the settlement's list of them, its errors, input rule and audit entry. en must carry every key zh-CN has.
 */
export const resolveZh = {
  resolve: {
    title: '退货结果未定：核实后由主管确认',
    hint: '主机无有效应答；退货不冲正、不重发。请向收单机构或对账单核实钱款是否已退回卡上：',
    wentThrough: '银行已退款',
    wentThroughHint: '记为成功，不再重发',
    notThrough: '银行未退款',
    notThroughHint: '记为失败，可重新退款',
    note: '备注（可不填）',
    submit: '确认核实结果',
    choose: '请先选择银行是否已退款。',
    done: {
      approved: '已记为退款成功（主管核实）。',
      declined: '已记为退款失败（主管核实）：可以重新退款。',
    },
    retryUndo: '请按“继续”完成撤销。',
    retryReturn: '请由主管点“继续退款”完成退货。',
    settlementTitle: '本批次有 {{count}} 笔银行卡退货结果未定，结算前须逐笔核实',
    settlementHint:
      '主机未应答这些退货，收单机构可能已退款，也可能没有：不核实就结算，批次总数对不上。请逐笔向收单机构核实后由主管确认。',
    settlementRow:
      '凭证号 {{traceNo}} · 金额 {{amount}} · 卡号 {{pan}} · {{at}} · 操作员 {{operatorNo}}',
  },
  rules: {
    resolveNote: '备注最多 80 个字',
  },
  errors: {
    REFUND_NOT_UNCERTAIN: '这笔交易不是结果未定的银行卡退货（{{txState}}），无需确认。',
    SETTLEMENT_REFUNDS_UNCERTAIN:
      '本批次有 {{count}} 笔银行卡退货结果未定，暂不能结算：请向收单机构核实，由主管在结算页面逐笔确认后再结算。',
  },
  auditActions: {
    'refund.resolved': '主管核实未定退货',
  },
  detailKeys: {
    txId: '交易',
    originalTxId: '原交易',
    wentThrough: '银行已退款',
    note: '备注',
  },
};
export type ResolveWords = typeof resolveZh;
