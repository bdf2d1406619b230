import { cashierIn, ok, signOff } from '../../support/core';
import { SUPERVISOR } from '../cards/harness';
import { stockCatalogue } from '../checkout/harness';
import { webTill, type WebTill } from '../web/ws-harness';

/** A web till with products, the supervisor's password set, cashier 01 signed in. */
export async function shopTill(): Promise<WebTill> {
  const t = await webTill();
  stockCatalogue(t.core);
  await signOff(t.core);
  await ok(t.core, 'auth:changePassword', {
    operatorNo: '00',
    currentPassword: '123456',
    newPassword: SUPERVISOR.password,
    confirmPassword: SUPERVISOR.password,
  });
  await ok(t.core, 'auth:signOff');
  await cashierIn(t.core);
  return t;
}

/** The supervisor settles the batch; cashier 01 is back. */
export async function settle(t: WebTill) {
  await signOff(t.core);
  await ok(t.core, 'auth:signIn', SUPERVISOR);
  await ok(t.core, 'settlement:run');
  await ok(t.core, 'auth:signOff');
  await cashierIn(t.core);
}
