import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  formatFen,
  parseYuanToFen,
  type CategoryView,
  type PosError,
  type ProductView,
} from '../../../../preload/contract';
import { FieldError } from '../../components/Messages';
import { issuesByField } from '../../lib/error-text';
import { pos } from '../../lib/pos';
import type { Notice } from './notice';

const yuan = (fen: number) => `${Math.trunc(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

/**
 * One product: a new one, or an existing one to edit (everything but the
 * price), reprice (old → new shown before it is confirmed) or deactivate.
 * Enter saves; the main side checks every rule and names the field.
 */
export function ProductForm(props: {
  product: ProductView | null;
  categories: CategoryView[];
  onDone(notice: Notice, product?: ProductView): void;
  onError(error: PosError): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const p = props.product;
  const [code, setCode] = useState(p?.code ?? '');
  const [name, setName] = useState(p?.name ?? '');
  const [spec, setSpec] = useState(p?.spec ?? '');
  const [unit, setUnit] = useState(p?.unit ?? '');
  const [price, setPrice] = useState(p ? yuan(p.priceFen) : '');
  const [categoryId, setCategoryId] = useState<number | null>(p?.categoryId ?? null);
  const [weighable, setWeighable] = useState(p?.weighable ?? false);
  const [barcodes, setBarcodes] = useState(p?.barcodes.join(';') ?? '');
  const [newPrice, setNewPrice] = useState('');
  const [error, setError] = useState<PosError | null>(null);
  const fields = issuesByField(error);
  const newPriceFen = parseYuanToFen(newPrice);

  const fail = (e: PosError) => {
    setError(e);
    props.onError(e);
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const common = {
      code: code.trim(),
      name,
      spec,
      unit,
      categoryId,
      weighable,
      barcodes: barcodes.split(/[;|,\s]+/).filter((b) => b !== ''),
    };
    if (!p) {
      const priceFen = parseYuanToFen(price);
      if (priceFen === null)
        return fail({ code: 'INVALID_INPUT', fields: [{ field: 'priceFen', rule: 'priceYuan' }] });
      const r = await pos().catalogue.add({ ...common, priceFen });
      if (!r.ok) return fail(r.error);
      setError(null);
      return props.onDone(
        { key: 'catalogue.added', params: { code: r.value.code, name: r.value.name } },
        r.value,
      );
    }
    const r = await pos().catalogue.edit({ ...common, id: p.id });
    if (!r.ok) return fail(r.error);
    setError(null);
    props.onDone({ key: 'catalogue.saved', params: { code: r.value.code } }, r.value);
  };

  const reprice = async (e: FormEvent) => {
    e.preventDefault();
    if (!p) return;
    if (newPriceFen === null)
      return fail({ code: 'INVALID_INPUT', fields: [{ field: 'newPrice', rule: 'priceYuan' }] });
    const r = await pos().catalogue.setPrice({ id: p.id, priceFen: newPriceFen });
    if (!r.ok) return fail(r.error);
    setError(null);
    setNewPrice('');
    props.onDone(
      {
        key: 'catalogue.priceChanged',
        params: {
          code: p.code,
          from: formatFen(r.value.fromFen),
          to: formatFen(r.value.product.priceFen),
        },
      },
      r.value.product,
    );
  };

  const toggle = async () => {
    if (!p) return;
    const r = await pos().catalogue.setActive({ id: p.id, active: !p.active });
    if (!r.ok) return fail(r.error);
    setError(null);
    props.onDone(
      {
        key: p.active ? 'catalogue.deactivated' : 'catalogue.reactivated',
        params: { code: p.code },
      },
      r.value,
    );
  };

  const field = (
    id: string,
    label: string,
    value: string,
    set: (v: string) => void,
    extra: { inputMode?: 'numeric' | 'decimal'; hint?: string; autoFocus?: boolean } = {},
  ) => (
    <label>
      {label}
      <input
        data-testid={`product-field-${id}`}
        value={value}
        autoComplete="off"
        autoFocus={extra.autoFocus}
        inputMode={extra.inputMode}
        onChange={(e) => set(e.target.value)}
      />
      {extra.hint && <span className="hint">{extra.hint}</span>}
      <FieldError issue={fields[id]} field={id} />
    </label>
  );

  return (
    <section className="panel product-form" data-testid="product-form">
      <form onSubmit={(e) => void save(e)}>
        <h2>{p ? t('catalogue.editTitle', { code: p.code }) : t('catalogue.addTitle')}</h2>
        {field('code', t('catalogue.code'), code, setCode, {
          inputMode: 'numeric',
          autoFocus: true,
        })}
        {field('name', t('catalogue.name'), name, setName)}
        {field('spec', t('catalogue.spec'), spec, setSpec)}
        {field('unit', t('catalogue.unit'), unit, setUnit)}
        {!p &&
          field(
            'priceFen',
            t(weighable ? 'catalogue.pricePerKg' : 'catalogue.priceYuan'),
            price,
            setPrice,
            {
              inputMode: 'decimal',
            },
          )}
        <label>
          {t('catalogue.category')}
          <select
            data-testid="product-field-category"
            value={categoryId ?? ''}
            onChange={(e) => setCategoryId(e.target.value === '' ? null : Number(e.target.value))}
          >
            <option value="">{t('catalogue.noCategory')}</option>
            {props.categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          <input
            type="checkbox"
            data-testid="product-field-weighable"
            checked={weighable}
            onChange={(e) => setWeighable(e.target.checked)}
          />
          {t('catalogue.weighable')}
          <FieldError issue={fields.weighable} field="weighable" />
        </label>
        {field('barcodes', t('catalogue.barcodes'), barcodes, setBarcodes, {
          hint: t('catalogue.barcodesHint'),
        })}
        <div className="actions">
          <button type="submit" className="primary" data-testid="product-save">
            {t('catalogue.save')}
          </button>
          <button type="button" data-testid="product-close" onClick={props.onClose}>
            {t('catalogue.cancel')}
          </button>
          {p && (
            <button type="button" data-testid="product-toggle" onClick={() => void toggle()}>
              {t(p.active ? 'catalogue.deactivate' : 'catalogue.reactivate')}
            </button>
          )}
        </div>
      </form>
      {p && (
        <form onSubmit={(e) => void reprice(e)} data-testid="product-price-form">
          <h3>{t('catalogue.priceTitle')}</h3>
          {field('newPrice', t('catalogue.newPrice'), newPrice, setNewPrice, {
            inputMode: 'decimal',
          })}
          <p data-testid="product-price-change">
            {t('catalogue.priceChange', {
              from: formatFen(p.priceFen),
              to: newPriceFen !== null ? formatFen(newPriceFen) : '?',
            })}
          </p>
          <button type="submit" className="primary" data-testid="product-price-save">
            {t('catalogue.changePrice')}
          </button>
        </form>
      )}
    </section>
  );
}
