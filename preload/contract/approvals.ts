/**
 * What a supervisor approves at the counter: the `action` of every
 * `supervisor.approved` audit entry. One list for both sides, so a new
 * approval on the main side without a name here does not compile, and the
 * renderer's words for them (Record<ApprovalAction, string>) miss none: the
 * audit log shows 消费撤销, never `void`.
 */
export const APPROVAL_ACTIONS = [
  'card.refund',
  'qr.refund',
  'cash.refund',
  'void',
  'refund.resolve',
  'preauth.cancel',
  'preauth.complete',
  'cash.paidIn',
  'cash.paidOut',
  'order.abandon',
  'order.cancelled',
  'order.openPrice',
  'order.quantity',
  'order.lineRemoved',
  'order.discount',
  'order.priceOverride',
  'return',
  'return.resume',
  'return.cancel',
  'return.withoutOriginal',
] as const;
export type ApprovalAction = (typeof APPROVAL_ACTIONS)[number];

export function isApprovalAction(value: unknown): value is ApprovalAction {
  return typeof value === 'string' && (APPROVAL_ACTIONS as readonly string[]).includes(value);
}
