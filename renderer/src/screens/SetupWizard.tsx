import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MERCHANT_NAME_MAX_BYTES,
  type FieldIssue,
  type PosError,
  type PrinterSetting,
  type TerminalSetup,
} from '../../../preload/contract';
import { ErrorMessage, FieldError } from '../components/Messages';
import { issuesByField } from '../lib/error-text';
import { gb18030Length } from '../lib/gb18030';
import { pos } from '../lib/pos';
import { useEscapeToStandby } from '../components/useEscape';
import { useAppStore } from '../stores/app-store';
import { ChangePasswordForm } from './ChangePasswordForm';
import { SignInForm } from './SignInForm';

type Step =
  | { name: 'sign-in' }
  | {
      name: 'change';
      operatorNo: string;
      currentPassword: string;
      reason: 'default' | 'expired' | 'reset';
      passwordLength: number;
    }
  | { name: 'params' };

/**
 * First start (and later, for 99): the technician signs in, changes the default
 * password, and sets merchant/terminal numbers, merchant name and printer.
 */
export function SetupWizard() {
  const { t } = useTranslation();
  const session = useAppStore((s) => s.session);
  const info = useAppStore((s) => s.info);
  const signedIn = useAppStore((s) => s.signedIn);
  const [step, setStep] = useState<Step>(
    session?.role === 'admin' ? { name: 'params' } : { name: 'sign-in' },
  );

  return (
    <main className="screen setup" data-testid="screen-setup">
      <h1>{t('setup.title')}</h1>
      {info?.settingsProblem && (
        <p className="warning" data-testid="settings-corrupt">
          {t('setup.settingsCorrupt', { path: info.settingsProblem.backupPath })}
        </p>
      )}
      {step.name === 'sign-in' && (
        <>
          <p>{t('setup.intro')}</p>
          <SignInForm
            title={t('signIn.technicianOnly')}
            onSignedIn={(s) => {
              signedIn(s);
              setStep({ name: 'params' });
            }}
            onChangeRequired={(r, currentPassword) =>
              setStep({
                name: 'change',
                operatorNo: r.operatorNo,
                currentPassword,
                reason: r.reason,
                passwordLength: r.passwordLength,
              })
            }
          />
        </>
      )}
      {step.name === 'change' && (
        <ChangePasswordForm
          {...step}
          onChanged={(s) => {
            signedIn(s);
            setStep({ name: 'params' });
          }}
        />
      )}
      {step.name === 'params' && <ParametersForm />}
    </main>
  );
}

/** The form's fields top to bottom, by the field an error names: its input's test id. */
const FIELD_ORDER: Array<[string, string]> = [
  ['merchantNumber', 'merchant-number'],
  ['terminalNumber', 'terminal-number'],
  ['merchantName', 'merchant-name'],
  ['printer.host', 'printer-host'],
  ['printer.port', 'printer-port'],
];

function ParametersForm() {
  const { t } = useTranslation();
  const signOff = useAppStore((s) => s.signOff);
  const go = useAppStore((s) => s.go);
  // 99 → 8 on a terminal already set up: Esc or 返回待机 leaves it as it was.
  // The first run has nowhere to go back to.
  const configured = useAppStore((s) => Boolean(s.info?.terminal) && s.session?.role === 'admin');
  useEscapeToStandby(configured);
  const [merchantNumber, setMerchantNumber] = useState('');
  const [terminalNumber, setTerminalNumber] = useState('');
  const [merchantName, setMerchantName] = useState('');
  const [printerKind, setPrinterKind] = useState<PrinterSetting['kind']>('virtual');
  // A serial or USB printer set under 外设设置 stays as it is unless TCP/virtual is chosen here.
  const [loadedPrinter, setLoadedPrinter] = useState<PrinterSetting>({ kind: 'virtual' });
  const [printerHost, setPrinterHost] = useState('127.0.0.1');
  const [printerPort, setPrinterPort] = useState('9100');
  const [paperWidth, setPaperWidth] = useState<58 | 80>(80);
  const [error, setError] = useState<PosError | null>(null);
  const fields = issuesByField(error);
  // The name's byte limit is checked as it is typed, so it shows with the
  // other fields' errors (the save reports it only once they all pass).
  const nameBytes = gb18030Length(merchantName.trim());
  const nameIssue: FieldIssue | undefined =
    nameBytes > MERCHANT_NAME_MAX_BYTES
      ? {
          field: 'merchantName',
          rule: 'merchantNameBytes',
          params: { max: MERCHANT_NAME_MAX_BYTES, bytes: nameBytes },
        }
      : fields.merchantName?.rule === 'merchantNameBytes'
        ? undefined
        : fields.merchantName;

  // Later visits by 99 start from the saved values.
  useEffect(() => {
    void pos()
      .setup.get({})
      .then((r) => {
        if (!r.ok || !r.value.setup) return;
        const s = r.value.setup;
        setMerchantNumber(s.merchantNumber);
        setTerminalNumber(s.terminalNumber);
        setMerchantName(s.merchantName);
        setPaperWidth(s.paperWidth);
        setPrinterKind(s.printer.kind);
        setLoadedPrinter(s.printer);
        if (s.printer.kind === 'tcp') {
          setPrinterHost(s.printer.host);
          setPrinterPort(String(s.printer.port));
        }
      });
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const port = /^\d+$/.test(printerPort.trim()) ? Number(printerPort) : Number.NaN;
    const setup: TerminalSetup = {
      merchantNumber: merchantNumber.trim(),
      terminalNumber: terminalNumber.trim(),
      merchantName,
      paperWidth,
      printer:
        printerKind === 'tcp'
          ? { kind: 'tcp', host: printerHost.trim(), port }
          : printerKind === 'virtual'
            ? { kind: 'virtual' }
            : loadedPrinter,
    };
    const r = await pos().setup.save(setup);
    if (!r.ok) {
      setError(r.error);
      // The keyboard goes to the first field named wrong (it stayed where
      // Enter was pressed, and the technician had to find the field by Tab).
      const bad = issuesByField(r.error);
      const first = FIELD_ORDER.find(([field]) => bad[field]);
      if (first) document.querySelector<HTMLInputElement>(`[data-testid="${first[1]}"]`)?.focus();
      return;
    }
    setError(null);
    await signOff('setup.saved');
  };

  return (
    <form
      className="panel params"
      onSubmit={(e) => void submit(e)}
      data-testid="setup-form"
      noValidate
    >
      <h2>{t('setup.paramsTitle')}</h2>
      <label>
        {t('setup.merchantNumber')} <small>{t('setup.merchantNumberHint')}</small>
        <input
          data-testid="merchant-number"
          inputMode="numeric"
          autoFocus
          value={merchantNumber}
          onChange={(e) => setMerchantNumber(e.target.value)}
        />
        <FieldError issue={fields.merchantNumber} field="merchantNumber" />
      </label>
      <label>
        {t('setup.terminalNumber')} <small>{t('setup.terminalNumberHint')}</small>
        <input
          data-testid="terminal-number"
          value={terminalNumber}
          onChange={(e) => setTerminalNumber(e.target.value)}
        />
        <FieldError issue={fields.terminalNumber} field="terminalNumber" />
      </label>
      <label>
        {t('setup.merchantName')} <small>{t('setup.merchantNameHint')}</small>
        <input
          data-testid="merchant-name"
          value={merchantName}
          onChange={(e) => setMerchantName(e.target.value)}
        />
        <FieldError issue={nameIssue} field="merchantName" />
      </label>
      <fieldset>
        <legend>{t('setup.printer')}</legend>
        <label className="inline">
          <input
            type="radio"
            name="printer"
            data-testid="printer-virtual"
            checked={printerKind === 'virtual'}
            onChange={() => setPrinterKind('virtual')}
          />
          {t('setup.printerVirtual')}
        </label>
        <label className="inline">
          <input
            type="radio"
            name="printer"
            data-testid="printer-tcp"
            checked={printerKind === 'tcp'}
            onChange={() => setPrinterKind('tcp')}
          />
          {t('setup.printerTcp')}
        </label>
        {printerKind === 'tcp' && (
          <div className="row">
            <label>
              {t('setup.printerHost')}
              <input
                data-testid="printer-host"
                value={printerHost}
                onChange={(e) => setPrinterHost(e.target.value)}
              />
              <FieldError issue={fields['printer.host']} field="printer.host" />
            </label>
            <label>
              {t('setup.printerPort')}
              <input
                data-testid="printer-port"
                inputMode="numeric"
                value={printerPort}
                onChange={(e) => setPrinterPort(e.target.value)}
              />
              <FieldError issue={fields['printer.port']} field="printer.port" />
            </label>
          </div>
        )}
      </fieldset>
      <fieldset>
        <legend>{t('setup.paperWidth')}</legend>
        <label className="inline">
          <input
            type="radio"
            name="paper"
            data-testid="paper-58"
            checked={paperWidth === 58}
            onChange={() => setPaperWidth(58)}
          />
          {t('setup.paper58')}
        </label>
        <label className="inline">
          <input
            type="radio"
            name="paper"
            data-testid="paper-80"
            checked={paperWidth === 80}
            onChange={() => setPaperWidth(80)}
          />
          {t('setup.paper80')}
        </label>
      </fieldset>
      <ErrorMessage error={error} testId="setup-error" />
      <div className="row">
        {configured && (
          <button type="button" data-testid="setup-back" onClick={() => go({ name: 'standby' })}>
            {t('done.toStandby')}
          </button>
        )}
        <button type="submit" className="primary" data-testid="setup-save">
          {t('setup.save')}
        </button>
      </div>
    </form>
  );
}
