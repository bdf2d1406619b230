/**
 * The words of a card transaction this screen did not start (a reload, another
 * window) while it runs and when it ends (components/CardPending.tsx). en must
 * carry every key zh-CN has.
 */
export const cardPendingZh = {
  cardPending: {
    running: '有一笔银行卡交易正在处理，请稍候…',
    kind: {
      sale: '消费',
      preauth: '预授权',
      balance: '余额查询',
      refund: '退货',
      void: '消费撤销',
      preauth_cancel: '预授权撤销',
      preauth_complete: '预授权完成',
    },
    /** The heading of a follow-up running (the sale family keeps `running`). */
    runningOf: {
      refund: '退货处理中，请稍候…',
      void: '消费撤销处理中，请稍候…',
      preauth_cancel: '预授权撤销处理中，请稍候…',
      preauth_complete: '预授权完成处理中，请稍候…',
    },
    amount: '{{kind}}金额：{{amount}}',
    ended: {
      approved: '该笔{{kind}}已成功：{{amount}}。',
      declined: '该笔{{kind}}未成功（应答码 {{code}}），持卡人未被扣款。',
      reversal: '该笔{{kind}}未成功，已冲正，持卡人不会被扣款。',
      failed: '该笔{{kind}}未完成：{{reason}}',
      uncertain:
        '该笔{{kind}}（{{amount}}）主机无有效应答，结果未定：请先向收单机构核实，切勿重做。',
    },
    /** Where a kind's end means something else than a payment's (no money back, the sale stands…). */
    endedOf: {
      refund: {
        declined: '该笔退货被拒绝（应答码 {{code}}），钱款未退回卡上。',
        uncertain:
          '该笔退货（{{amount}}）主机无有效应答，钱款是否已退回未定：请先向收单机构核实，再由主管确认，切勿重复退货。',
      },
      void: {
        declined: '该笔消费撤销被拒绝（应答码 {{code}}），原消费仍然有效。',
        reversal: '该笔消费撤销未成功，已冲正，原消费仍然有效。',
      },
      preauth_cancel: {
        declined: '该笔预授权撤销被拒绝（应答码 {{code}}），预授权仍然冻结着卡上的金额。',
        reversal: '该笔预授权撤销未成功，已冲正，预授权仍然冻结着卡上的金额。',
      },
    },
    dismiss: '知道了',
  },
};
export type CardPendingWords = typeof cardPendingZh;
