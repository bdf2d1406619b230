import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  ChannelOutput,
  PeripheralSettings,
  PosError,
  PrinterSetting,
} from '../../../../preload/contract';
import { ErrorMessage } from '../../components/Messages';
import { issuesByField } from '../../lib/error-text';
import { useEscape } from '../../components/useEscape';
import { imageToLogo } from '../../lib/mono-logo';
import { pos } from '../../lib/pos';
import { useAppStore } from '../../stores/app-store';

type Found = ChannelOutput<'peripherals', 'discover'>;
type Device = 'scanner' | 'pinpad' | 'display';
const OTHER_KIND: Record<Device, 'keyboard' | 'simulated'> = {
  scanner: 'keyboard',
  pinpad: 'simulated',
  display: 'simulated',
};
const BAUDS = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200];
const num = (v: string) => (/^\d+$/.test(v.trim()) ? Number(v) : Number.NaN);

/**
 * 外设设置 (99): the receipt printer on the network, a serial port or USB
 * (discovered where the OS lets us look), paper, copies, code page, cutter, the
 * cash drawer's pulse, and the ports of the scanner, PIN pad and customer
 * display. The main side validates every field; the error names it.
 */
export function PeripheralsForm() {
  const { t } = useTranslation();
  const go = useAppStore((s) => s.go);
  const [form, setForm] = useState<PeripheralSettings | null>(null);
  const [found, setFound] = useState<Found | null>(null);
  const [error, setError] = useState<PosError | null>(null);
  const [saved, setSaved] = useState(false);
  const fields = issuesByField(error);
  const fieldError = (prefix: string) =>
    Object.entries(fields).find(([f]) => f.startsWith(prefix))?.[1];

  useEffect(() => {
    void pos()
      .peripherals.get({})
      .then((r) => (r.ok ? setForm(r.value) : setError(r.error)));
  }, []);
  useEscape(useCallback(() => go({ name: 'standby' }), [go]));

  if (!form) return <ErrorMessage error={error} testId="peripherals-error" />;
  const p = form.peripherals;
  const setPrinter = (printer: PrinterSetting) => setForm({ ...form, printer });
  const setDevice = (device: Device, value: PeripheralSettings['peripherals'][Device]) =>
    setForm({ ...form, peripherals: { ...p, [device]: value } });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const r = await pos().peripherals.save(form);
    if (!r.ok) return setError(r.error);
    setError(null);
    setForm(r.value);
    setSaved(true);
  };

  const discover = async () => {
    const r = await pos().peripherals.discover({});
    if (r.ok) setFound(r.value);
    else setError(r.error);
  };

  const printer = form.printer;
  const serialFields = (
    testId: string,
    value: { path: string; baudRate: number },
    onChange: (v: { path: string; baudRate: number }) => void,
  ) => (
    <>
      <label>
        {t('peripherals.port')}
        <input
          data-testid={`${testId}-path`}
          list="serial-ports"
          value={value.path}
          onChange={(e) => onChange({ ...value, path: e.target.value.trim() })}
        />
      </label>
      <label>
        {t('peripherals.baud')}
        <select
          data-testid={`${testId}-baud`}
          value={value.baudRate}
          onChange={(e) => onChange({ ...value, baudRate: Number(e.target.value) })}
        >
          {BAUDS.map((b) => (
            <option key={b} value={b}>
              {b}
            </option>
          ))}
        </select>
      </label>
    </>
  );

  return (
    <main className="screen peripherals" data-testid="screen-peripherals">
      <form className="panel" onSubmit={(e) => void submit(e)}>
        <h1>{t('peripherals.title')}</h1>
        <fieldset>
          <legend>{t('peripherals.printer')}</legend>
          {(['virtual', 'tcp', 'serial', 'usb'] as const).map((kind) => (
            <label key={kind} className="check">
              <input
                type="radio"
                name="printer-kind"
                data-testid={`printer-kind-${kind}`}
                checked={printer.kind === kind}
                onChange={() =>
                  setPrinter(
                    kind === 'tcp'
                      ? { kind, host: '', port: 9100 }
                      : kind === 'serial'
                        ? { kind, path: '', baudRate: 9600 }
                        : kind === 'usb'
                          ? { kind, vendorId: 0, productId: 0 }
                          : { kind },
                  )
                }
              />
              {t(`peripherals.printerKinds.${kind}`)}
            </label>
          ))}
          {printer.kind === 'tcp' && (
            <>
              <label>
                {t('setup.printerHost')}
                <input
                  data-testid="printer-host"
                  value={printer.host}
                  onChange={(e) => setPrinter({ ...printer, host: e.target.value.trim() })}
                />
              </label>
              <label>
                {t('setup.printerPort')}
                <input
                  data-testid="printer-port"
                  inputMode="numeric"
                  value={Number.isNaN(printer.port) ? '' : String(printer.port)}
                  onChange={(e) => setPrinter({ ...printer, port: num(e.target.value) })}
                />
              </label>
            </>
          )}
          {printer.kind === 'serial' &&
            serialFields('printer', printer, (v) => setPrinter({ ...printer, ...v }))}
          {printer.kind === 'usb' && (
            <p data-testid="printer-usb">
              {t('peripherals.usbChosen', {
                id: `${printer.vendorId.toString(16).padStart(4, '0')}:${printer.productId.toString(16).padStart(4, '0')}`,
              })}
            </p>
          )}
          <button type="button" data-testid="peripherals-discover" onClick={() => void discover()}>
            {t('peripherals.discover')}
          </button>
          {found && (
            <div data-testid="peripherals-found">
              <datalist id="serial-ports">
                {found.serialPorts.map((s) => (
                  <option key={s.path} value={s.path} />
                ))}
              </datalist>
              <p>
                {t('peripherals.serialFound', { count: found.serialPorts.length })}{' '}
                {found.serialPorts.map((s) => s.path).join(', ')}
              </p>
              <p>{t('peripherals.usbFound', { count: found.usbPrinters.length })}</p>
              {found.usbPrinters.map((u) => (
                <button
                  key={u.address}
                  type="button"
                  onClick={() =>
                    setPrinter({ kind: 'usb', vendorId: u.vendorId, productId: u.productId })
                  }
                >
                  {u.product ?? u.address}
                </button>
              ))}
              {found.problems.length > 0 && (
                <p className="hint" data-testid="peripherals-problems">
                  {t('peripherals.discoverProblems', { problems: found.problems.join('; ') })}
                </p>
              )}
            </div>
          )}
          <ErrorMessage error={fieldError('printer') ? error : null} />
          <label>
            {t('setup.paperWidth')}
            <select
              data-testid="paper-width"
              value={form.paperWidth}
              onChange={(e) => setForm({ ...form, paperWidth: Number(e.target.value) as 58 | 80 })}
            >
              <option value={58}>58 mm</option>
              <option value={80}>80 mm</option>
            </select>
          </label>
          <label>
            {t('peripherals.copies')}
            <select
              data-testid="copies"
              value={form.copies}
              onChange={(e) => setForm({ ...form, copies: Number(e.target.value) })}
            >
              {[1, 2, 3].map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('peripherals.codePage')}
            <select
              data-testid="code-page"
              value={p.codePage}
              onChange={(e) =>
                setForm({
                  ...form,
                  peripherals: { ...p, codePage: e.target.value as typeof p.codePage },
                })
              }
            >
              {(['gb18030', 'big5', 'pc437', 'pc850', 'pc858'] as const).map((c) => (
                <option key={c} value={c}>
                  {c.toUpperCase()}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('peripherals.logo')}
            <input
              type="file"
              accept="image/*"
              data-testid="logo-file"
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (!file) return;
                void imageToLogo(file, form.paperWidth === 58 ? 384 : 576)
                  .then((logo) => setForm({ ...form, peripherals: { ...p, logo } }))
                  .catch(() =>
                    setError({ code: 'INVALID_INPUT', fields: [{ field: 'logo', rule: 'logo' }] }),
                  );
              }}
            />
          </label>
          {p.logo && (
            <p data-testid="logo-set">
              {t('peripherals.logoSet', { width: p.logo.width, height: p.logo.height })}{' '}
              <button
                type="button"
                data-testid="logo-remove"
                onClick={() => setForm({ ...form, peripherals: { ...p, logo: null } })}
              >
                {t('peripherals.logoRemove')}
              </button>
            </p>
          )}
          <label className="check">
            <input
              type="checkbox"
              data-testid="cut"
              checked={p.cut}
              onChange={(e) => setForm({ ...form, peripherals: { ...p, cut: e.target.checked } })}
            />
            {t('peripherals.cut')}
          </label>
        </fieldset>
        <fieldset>
          <legend>{t('peripherals.drawer')}</legend>
          <label>
            {t('peripherals.drawerPin')}
            <select
              data-testid="drawer-pin"
              value={p.drawer.pin}
              onChange={(e) =>
                setForm({
                  ...form,
                  peripherals: {
                    ...p,
                    drawer: { ...p.drawer, pin: Number(e.target.value) as 2 | 5 },
                  },
                })
              }
            >
              <option value={2}>2</option>
              <option value={5}>5</option>
            </select>
          </label>
          {(['onMs', 'offMs'] as const).map((k) => (
            <label key={k}>
              {t(`peripherals.${k}`)}
              <input
                data-testid={`drawer-${k}`}
                inputMode="numeric"
                value={Number.isNaN(p.drawer[k]) ? '' : String(p.drawer[k])}
                onChange={(e) =>
                  setForm({
                    ...form,
                    peripherals: { ...p, drawer: { ...p.drawer, [k]: num(e.target.value) } },
                  })
                }
              />
            </label>
          ))}
        </fieldset>
        {(['scanner', 'pinpad', 'display'] as const).map((device) => {
          const value = p[device];
          return (
            <fieldset key={device}>
              <legend>{t(`peripherals.${device}`)}</legend>
              <label className="check">
                <input
                  type="checkbox"
                  data-testid={`${device}-serial`}
                  checked={value.kind === 'serial'}
                  onChange={(e) =>
                    setDevice(
                      device,
                      e.target.checked
                        ? { kind: 'serial', path: '', baudRate: 9600 }
                        : ({
                            kind: OTHER_KIND[device],
                          } as PeripheralSettings['peripherals'][Device]),
                    )
                  }
                />
                {t('peripherals.onSerial')}
              </label>
              {value.kind === 'serial' &&
                serialFields(device, value, (v) => setDevice(device, { ...value, ...v }))}
            </fieldset>
          );
        })}
        <p className="hint">{t('peripherals.restartHint')}</p>
        <div className="row">
          <button type="button" onClick={() => go({ name: 'standby' })}>
            {t('done.toStandby')}
          </button>
          <button type="submit" className="primary" data-testid="peripherals-save">
            {t('peripherals.save')}
          </button>
        </div>
        {saved && (
          <p className="notice" data-testid="peripherals-saved">
            {t('peripherals.saved')}
          </p>
        )}
        <ErrorMessage error={error} testId="peripherals-error" />
      </form>
    </main>
  );
}
