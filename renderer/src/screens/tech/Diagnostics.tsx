import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiagnosticCheck, DiagnosticResult } from '../../../../preload/contract';
import { DetailList } from '../../components/DetailList';
import { ErrorMessage } from '../../components/Messages';
import { ReceiptView } from '../../components/ReceiptView';
import { useEscape } from '../../components/useEscape';
import { pos } from '../../lib/pos';
import { useAppStore } from '../../stores/app-store';

const CHECKS: readonly DiagnosticCheck[] = [
  'printer',
  'testPrint',
  'drawer',
  'scanner',
  'pinpad',
  'display',
  'hostEcho',
  'hostSignIn',
  'qrGateway',
  'disk',
  'database',
];

/**
 * 诊断 (99): each peripheral and link tried for real, one button (or digit key)
 * per check, pass/fail with the facts and a next step in words. The scanner
 * check shows whatever the scanner reads while this screen is open.
 */
export function Diagnostics() {
  const { t } = useTranslation();
  const go = useAppStore((s) => s.go);
  const [results, setResults] = useState<Partial<Record<DiagnosticCheck, DiagnosticResult>>>({});
  const [running, setRunning] = useState<DiagnosticCheck | null>(null);
  const [scanned, setScanned] = useState<string | null>(null);
  const [displayLines, setDisplayLines] = useState<[string, string] | null>(null);

  const run = async (check: DiagnosticCheck) => {
    setRunning(check);
    const r = await pos().diagnostics.run({ check });
    setRunning(null);
    if (r.ok) setResults((old) => ({ ...old, [check]: r.value }));
    else
      setResults((old) => ({
        ...old,
        [check]: { check, ok: false, detail: {}, error: r.error, nextStep: null },
      }));
    if (check === 'display') {
      const d = await pos().diagnostics.display({});
      if (d.ok) setDisplayLines(d.value.lines);
    }
  };

  // With the virtual printer the screen is the paper: the test page shows by
  // its row (it said 正常 · 打印任务 14 and showed nothing to look at).
  const [virtualPrinter, setVirtualPrinter] = useState(false);
  useEffect(() => {
    void pos()
      .setup.get({})
      .then((r) => r.ok && setVirtualPrinter(r.value.setup?.printer.kind === 'virtual'));
  }, []);
  const testJob = results.testPrint?.ok ? results.testPrint.detail.jobId : undefined;

  useEffect(() => pos().events.on('scanner:scanned', (p) => setScanned(p.code)), []);
  useEscape(useCallback(() => go({ name: 'standby' }), [go]));

  return (
    <main className="screen diagnostics" data-testid="screen-diagnostics">
      <section className="panel">
        <h1>{t('diagnostics.title')}</h1>
        <table>
          <tbody>
            {CHECKS.map((check) => {
              const r = results[check];
              return (
                <tr
                  key={check}
                  data-testid={`diag-${check}`}
                  data-ok={r ? String(r.ok) : undefined}
                >
                  <td>
                    <button
                      type="button"
                      data-testid={`diag-run-${check}`}
                      disabled={running !== null}
                      onClick={() => void run(check)}
                    >
                      {t(`diagnostics.checks.${check}`)}
                    </button>
                  </td>
                  <td data-testid={`diag-${check}-verdict`}>
                    {running === check
                      ? t('diagnostics.running')
                      : r
                        ? t(r.ok ? 'diagnostics.pass' : 'diagnostics.fail')
                        : ''}
                  </td>
                  <td className="detail">
                    {r && <DetailList detail={r.detail} />}
                    {r?.error && <ErrorMessage error={r.error} />}
                    {r?.nextStep && (
                      <p className="warning" data-testid={`diag-${check}-next`}>
                        {t(`diagnostics.next.${r.nextStep}`)}
                      </p>
                    )}
                    {check === 'scanner' && scanned && (
                      <span data-testid="diag-scanned">
                        {t('diagnostics.scanned', { code: scanned })}
                      </span>
                    )}
                    {check === 'testPrint' && virtualPrinter && typeof testJob === 'number' && (
                      <ReceiptView key={testJob} jobId={testJob} />
                    )}
                    {check === 'display' && displayLines && (
                      <pre data-testid="diag-display-lines">{displayLines.join('\n')}</pre>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <button type="button" onClick={() => go({ name: 'standby' })}>
          {t('done.toStandby')}
        </button>
      </section>
    </main>
  );
}
