import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  formatFen,
  type CategoryView,
  type PosError,
  type ProductView,
} from '../../../../preload/contract';
import { ErrorMessage } from '../../components/Messages';
import { pos } from '../../lib/pos';
import { useAppStore } from '../../stores/app-store';
import { Categories } from './Categories';
import { ProductForm } from './ProductForm';

import type { Notice } from './notice';

/**
 * 商品管理 (00; 99 sees it for import/export and the scale templates): find
 * as you type by name, pinyin initials, code or barcode; ↑↓ + Enter opens a
 * product to edit, reprice or deactivate; new products and categories.
 */
export function Catalogue() {
  const { t } = useTranslation();
  const go = useAppStore((s) => s.go);
  const role = useAppStore((s) => s.session?.role);
  const manager = role === 'supervisor';
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<ProductView[]>([]);
  const [selected, setSelected] = useState(0);
  const [editing, setEditing] = useState<ProductView | 'new' | null>(null);
  const [categories, setCategories] = useState<CategoryView[]>([]);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [error, setError] = useState<PosError | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  // Answers can come back out of order; only the latest keystroke's is shown.
  const asked = useRef(0);

  const search = useCallback(async (q: string) => {
    const n = ++asked.current;
    const r = await pos().catalogue.search({ query: q, limit: 50, includeInactive: true });
    if (n !== asked.current) return;
    if (!r.ok) return setError(r.error);
    setResults(r.value.products);
    setSelected(0);
  }, []);
  const loadCategories = useCallback(async () => {
    const r = await pos().catalogue.categories({});
    if (r.ok) setCategories(r.value.categories);
  }, []);
  useEffect(() => void loadCategories(), [loadCategories]);
  useEffect(() => void search(query), [search, query]);

  const done = (n: Notice, product?: ProductView) => {
    setError(null);
    setNotice(n);
    if (product) {
      setResults((rs) => rs.map((p) => (p.id === product.id ? product : p)));
      setEditing((e) => (e && e !== 'new' && e.id === product.id ? product : e));
    }
    void loadCategories();
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        if (editing) {
          setEditing(null);
          searchRef.current?.focus();
        } else go({ name: 'standby' });
        return;
      }
      if (editing) return;
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        setSelected((i) =>
          Math.max(0, Math.min(results.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1))),
        );
      } else if (e.key === 'Enter' && e.target === searchRef.current && results[selected]) {
        e.preventDefault();
        setEditing(results[selected]);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go, editing, results, selected]);

  return (
    <main className="screen catalogue" data-testid="screen-catalogue">
      <section className="panel">
        <h1>{t('catalogue.title')}</h1>
        <label>
          {t('catalogue.searchLabel')}
          <input
            ref={searchRef}
            autoFocus
            data-testid="catalogue-search"
            value={query}
            autoComplete="off"
            onChange={(e) => setQuery(e.target.value)}
          />
        </label>
        <p className="hint">{t('catalogue.searchHint')}</p>
        <table data-testid="catalogue-results">
          <thead>
            <tr>
              <th>{t('catalogue.code')}</th>
              <th>{t('catalogue.name')}</th>
              <th>{t('catalogue.price')}</th>
              <th>{t('catalogue.category')}</th>
              <th>{t('catalogue.barcodes')}</th>
              <th>{t('catalogue.state')}</th>
            </tr>
          </thead>
          <tbody>
            {results.map((p, i) => (
              <tr
                key={p.id}
                data-testid={`product-${p.code}`}
                aria-selected={i === selected}
                className={i === selected ? 'selected' : undefined}
                onClick={() => {
                  setSelected(i);
                  setEditing(p);
                }}
              >
                <td>{p.code}</td>
                <td data-testid={`product-${p.code}-name`}>
                  {p.name}
                  {p.weighable && ` (${t('catalogue.weighed')})`}
                </td>
                <td className="money" data-testid={`product-${p.code}-price`}>
                  {formatFen(p.priceFen)}
                  {p.weighable ? '/kg' : ''}
                </td>
                <td>{p.categoryName ?? ''}</td>
                <td>{p.barcodes.join(' ')}</td>
                <td data-testid={`product-${p.code}-state`}>
                  {t(p.active ? 'catalogue.active' : 'catalogue.inactive')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {results.length === 0 && <p className="hint">{t('catalogue.none')}</p>}
        <div className="actions">
          {manager && (
            <button type="button" data-testid="catalogue-add" onClick={() => setEditing('new')}>
              {t('catalogue.add')}
            </button>
          )}
          <button
            type="button"
            data-testid="catalogue-transfer"
            onClick={() => go({ name: 'catalogue-transfer' })}
          >
            {t('catalogue.transfer')}
          </button>
          <button
            type="button"
            data-testid="catalogue-templates"
            onClick={() => go({ name: 'scale-templates' })}
          >
            {t('catalogue.templates')}
          </button>
          {(manager || role === 'admin') && (
            <button
              type="button"
              data-testid="catalogue-checkout-rules"
              onClick={() => go({ name: 'checkout-rules' })}
            >
              {t('catalogue.checkoutRules')}
            </button>
          )}
        </div>
      </section>
      {editing && manager && (
        <ProductForm
          key={editing === 'new' ? 'new' : editing.id}
          product={editing === 'new' ? null : editing}
          categories={categories}
          onDone={(n, product) => {
            done(n, product);
            if (editing === 'new') {
              setEditing(null);
              setQuery(product?.code ?? query);
              searchRef.current?.focus();
            }
          }}
          onError={(e) => {
            setNotice(null);
            setError(e);
          }}
          onClose={() => {
            setEditing(null);
            searchRef.current?.focus();
          }}
        />
      )}
      {manager && (
        <Categories
          categories={categories}
          onDone={(n) => done(n)}
          onError={(e) => {
            setNotice(null);
            setError(e);
          }}
        />
      )}
      {notice && (
        <p className="notice" data-testid="catalogue-notice">
          {t(notice.key, notice.params ?? {})}
        </p>
      )}
      <ErrorMessage error={error} testId="catalogue-error" />
      <button type="button" onClick={() => go({ name: 'standby' })}>
        {t('done.toStandby')}
      </button>
    </main>
  );
}
