import { createDiagnosticsService } from '../services/terminal/diagnostics-service';
import { createPeripheralsService } from '../services/terminal/peripherals-service';
import { createAuditService } from '../services/staff/audit-service';
import { createExportService } from '../services/data-care/export-service';
import { createConfigTransferService } from '../services/data-care/config-transfer-service';
import { createOperatorsService } from '../services/staff/operators-service';
import { createQrSettingsService } from '../services/qr/qr-settings-service';
import { createCatalogueAdminService } from '../services/catalogue/catalogue-admin-service';
import { createCatalogueTransferService } from '../services/catalogue/catalogue-transfer-service';
import { createScaleTemplateService } from '../services/catalogue/scale-template-service';
import { loadDemoCatalogue } from '../services/catalogue/demo-catalogue';
import type { SecretBox } from '../secrets/secret-box';
import type { Logger } from './logger';
import { printerFor } from './devices';

type Diagnostics = Parameters<typeof createDiagnosticsService>[0];

/**
 * The services only the technician's and the supervisor's screens use —
 * diagnostics, peripherals, data care, operators, audit, catalogue upkeep,
 * QR settings (split from build-core.ts: this changes when those screens do,
 * not when the till's own flows do).
 */
export function adminServices(
  c: Pick<
    Diagnostics,
    'repos' | 'db' | 'settings' | 'clock' | 'dataDir' | 'print' | 'host' | 'qrClient'
  > &
    Pick<Diagnostics, 'pinpad' | 'scanner' | 'display'> & {
      logger: Logger;
      secretBox: SecretBox;
      version: string;
      hasher: Parameters<typeof createOperatorsService>[0]['hasher'];
    },
) {
  const { repos, db, settings, clock, logger, secretBox, print, host, hasher } = c;
  const { pinpad, scanner, display } = c;
  const opts = { dataDir: c.dataDir, version: c.version };
  const qrEndpoints = { client: c.qrClient };
  return {
    diagnostics: createDiagnosticsService({
      repos,
      db,
      settings,
      clock,
      dataDir: opts.dataDir,
      print,
      printer: () => printerFor(settings.get().printer),
      host,
      qrClient: () => qrEndpoints.client(),
      pinpad,
      scanner,
      display,
    }),
    peripherals: createPeripheralsService({
      repos,
      settings,
      clock,
      logger,
      onSaved: () => print.kick(),
    }),
    exports: createExportService({ repos, settings, clock, logger }),
    configTransfer: createConfigTransferService({
      repos,
      settings,
      clock,
      logger,
      version: opts.version,
      onSaved: () => print.kick(),
      onHostSaved: () => host.signOut(),
    }),
    operators: createOperatorsService({ repos, hasher, clock }),
    audit: createAuditService({ repos, clock }),
    catalogueAdmin: createCatalogueAdminService({ repos, clock }),
    catalogueTransfer: createCatalogueTransferService({ repos, clock }),
    scaleTemplates: createScaleTemplateService({ repos, settings, clock }),
    loadDemoCatalogue: (operatorNo: string) =>
      repos.inTransaction(() => {
        const r = loadDemoCatalogue(repos, clock.now());
        repos.audit.append(
          { operatorNo, action: 'catalogue.demoLoaded', detail: { ...r } },
          clock.now(),
        );
        return r;
      }),
    qrSettings: createQrSettingsService({ repos, settings, secretBox, clock }),
  };
}
