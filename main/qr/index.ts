// The QR payment code (付款码) module: gateway client, one payment's flow,
// cancel delivery for the outbox worker, and the training gateway.
export * from './protocol';
export * from './gateway-client';
export * from './scheduler';
export * from './payment-outcome';
export * from './payment-flow';
export * from './cancel-delivery';
export * from './training-ledger';
export * from './training-gateway';
