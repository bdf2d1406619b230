import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CategoryView, PosError } from '../../../../preload/contract';
import { pos } from '../../lib/pos';
import type { Notice } from './notice';

/** 分类: the list with product counts, a new one, a rename (Enter saves). */
export function Categories(props: {
  categories: CategoryView[];
  onDone(notice: Notice): void;
  onError(error: PosError): void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [renaming, setRenaming] = useState<{ id: number; name: string } | null>(null);

  const add = async (e: FormEvent) => {
    e.preventDefault();
    const r = await pos().catalogue.addCategory({ name });
    if (!r.ok) return props.onError(r.error);
    setName('');
    props.onDone({ key: 'catalogue.categoryAdded', params: { name: r.value.name } });
  };
  const rename = async (e: FormEvent) => {
    e.preventDefault();
    if (!renaming) return;
    const r = await pos().catalogue.renameCategory(renaming);
    if (!r.ok) return props.onError(r.error);
    setRenaming(null);
    props.onDone({ key: 'catalogue.categoryRenamed', params: { name: r.value.name } });
  };

  return (
    <section className="panel categories" data-testid="categories">
      <h2>{t('catalogue.categories')}</h2>
      <ul>
        {props.categories.map((c) => (
          <li key={c.id} data-testid={`category-${c.name}`}>
            {renaming?.id === c.id ? (
              <form onSubmit={(e) => void rename(e)}>
                <input
                  autoFocus
                  data-testid="category-rename-input"
                  value={renaming.name}
                  onChange={(e) => setRenaming({ id: c.id, name: e.target.value })}
                />
              </form>
            ) : (
              <>
                {c.name} · {t('catalogue.productsIn', { count: c.products })}{' '}
                <button type="button" onClick={() => setRenaming({ id: c.id, name: c.name })}>
                  {t('catalogue.rename')}
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
      <form onSubmit={(e) => void add(e)}>
        <label>
          {t('catalogue.categoryName')}
          <input
            data-testid="category-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <button type="submit" data-testid="category-add">
          {t('catalogue.addCategory')}
        </button>
      </form>
    </section>
  );
}
