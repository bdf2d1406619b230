import type { FieldIssue, ScaleTemplate, Session } from '../../../preload/contract';
import type { Clock } from '../../core/clock';
import type { Repositories } from '../../db';
import { failFields } from '../../domain/errors';
import {
  BUILT_IN_SCALE_TEMPLATES,
  compileScaleTemplate,
} from '../../domain/catalogue/scale-barcodes';
import type { SettingsStore } from '../../settings/store';

/**
 * The scale-barcode templates (条码秤) a terminal reads, a terminal parameter:
 * each pattern is checked and a bad one refused with its part named
 * (templates.2.pattern: 第 8 位「Q」…); a save is audited old → new.
 */
export function createScaleTemplateService(deps: {
  repos: Repositories;
  settings: SettingsStore;
  clock: Clock;
}) {
  const { repos, settings, clock } = deps;
  return {
    get() {
      return {
        templates: settings.get().scaleBarcodes,
        builtIn: BUILT_IN_SCALE_TEMPLATES.map((t) => ({ ...t })),
      };
    },
    save(templates: ScaleTemplate[], actor: Session) {
      const issues: FieldIssue[] = templates.flatMap((t, i) => {
        const c = compileScaleTemplate(t, `templates.${i}.pattern`);
        return c.ok ? [] : c.issues;
      });
      if (issues.length > 0) failFields(issues);
      const before = settings.get().scaleBarcodes;
      settings.save({ ...settings.get(), scaleBarcodes: templates });
      repos.audit.append(
        {
          operatorNo: actor.operatorNo,
          action: 'parameters.changed',
          detail: { changes: [{ field: 'scaleBarcodes', from: before, to: templates }] },
        },
        clock.now(),
      );
      return { templates: settings.get().scaleBarcodes };
    },
  };
}
export type ScaleTemplateService = ReturnType<typeof createScaleTemplateService>;
