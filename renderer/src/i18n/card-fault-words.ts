/**
 * Why a card request was reversed, in one sentence (renderer/src/lib/card-fault.ts):
 * the fault the line showed (`cause`), then what became of the money (`then`,
 * by what was reversed and whether the reversal has reached the host).
 * en must carry every key zh-CN has.
 */
export const cardFaultZh = {
  cardFault: {
    sentence: '{{cause}}，{{then}}。',
    // Two sentences on one line: Chinese runs them on, English puts a space between.
    join: '{{first}}{{second}}',
    cause: {
      timeout: '主机 {{seconds}} 秒没有应答',
      timeoutPartial: '主机 {{seconds}} 秒内没有发完应答（只收到 {{bytes}} 字节）',
      cutNone: '主机没有应答就断开了连接',
      cut: '主机的应答在 {{bytes}} 字节处中断',
      undecodable: '主机的应答无法解读',
      mismatch: '主机应答的{{name}}与请求不符（字段 {{field}}）',
      mismatchType: '主机应答的报文类型与请求不符',
      badMac: '主机应答的 MAC 校验不符',
      unknown: '主机没有有效应答',
    },
    field: {
      '3': '处理码',
      '4': '金额',
      '11': '流水号',
      '41': '终端号',
      '42': '商户号',
      other: '内容',
    },
    then: {
      sale: {
        delivered: '交易已冲正，没有扣款',
        pending: '交易正在冲正（冲正尚未送达主机），不会扣款',
      },
      preauth: {
        delivered: '预授权已冲正，卡上没有冻结金额',
        pending: '预授权正在冲正（冲正尚未送达主机），不会冻结金额',
      },
      preauth_complete: {
        delivered: '预授权完成已冲正，没有扣款，预授权仍然有效',
        pending: '预授权完成正在冲正（冲正尚未送达主机），不会扣款，预授权仍然有效',
      },
      preauth_cancel: {
        delivered: '预授权撤销已冲正，预授权仍然有效',
        pending: '预授权撤销正在冲正（冲正尚未送达主机），预授权仍然有效',
      },
      void: {
        delivered: '撤销已冲正，原消费仍然有效',
        pending: '撤销正在冲正（冲正尚未送达主机），原消费仍然有效',
      },
    },
  },
};
export type CardFaultWords = typeof cardFaultZh;
