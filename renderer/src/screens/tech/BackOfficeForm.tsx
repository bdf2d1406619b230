import { useCallback } from 'react';
import { pos } from '../../lib/pos';
import { EndpointSettingsForm } from './EndpointSettingsForm';

/** 后台: where settled batches are uploaded (HOST-PROTOCOL.md part C). */
export function BackOfficeForm() {
  const load = useCallback(() => pos().sync.getSettings({}), []);
  return (
    <EndpointSettingsForm
      id="back-office"
      text="tech.backOffice"
      load={load}
      save={(input) => pos().sync.saveSettings(input)}
    />
  );
}
