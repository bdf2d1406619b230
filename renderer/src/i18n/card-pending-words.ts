/**
 * The words of a card transaction this screen did not start (a reload, another
 * window) while it runs and when it ends (components/CardPending.tsx). en must
 * carry every key zh-CN has.
 */
export const cardPendingZh = {
  cardPending: {
    running: '有一笔银行卡交易正在处理，请稍候…',
    kind: { sale: '消费', preauth: '预授权', balance: '余额查询' },
    amount: '{{kind}}金额：{{amount}}',
    ended: {
      approved: '该笔{{kind}}已成功：{{amount}}。',
      declined: '该笔{{kind}}未成功（应答码 {{code}}），持卡人未被扣款。',
      reversal: '该笔{{kind}}未成功，已冲正，持卡人不会被扣款。',
      failed: '该笔{{kind}}未完成：{{reason}}',
    },
    dismiss: '知道了',
  },
};
export type CardPendingWords = typeof cardPendingZh;
