import { useCallback } from 'react';
import { pos } from '../../lib/pos';
import { EndpointSettingsForm } from './EndpointSettingsForm';

/** 扫码网关: the QR payment gateway (HOST-PROTOCOL.md part B). */
export function QrGatewayForm() {
  const load = useCallback(() => pos().qr.getGateway({}), []);
  return (
    <EndpointSettingsForm
      id="qr-gateway"
      text="tech.qrGateway"
      load={load}
      save={(input) => pos().qr.saveGateway(input)}
    />
  );
}
