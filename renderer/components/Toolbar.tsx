import { type KeyboardEvent, type RefObject, useState } from 'react';
import type { DeskFeeds } from '../api/desk-session';
import { isDeskFilterActive } from '../grids/desk-filter';
import { type DeskFilters, useDeskStore } from '../stores/desk-store';

export interface ToolbarProps {
  feeds: DeskFeeds;
  quickSearchRef: RefObject<HTMLInputElement | null>;
}

// One constant: a selector that returns a fresh [] makes zustand re-render without end.
const NO_SERVERS: string[] = [];

/** Distinct values for a datalist, read from the feed when the field gets focus (never per tick). */
function distinct(values: Iterable<string>): string[] {
  return [...new Set(values)].sort((a, b) => a.localeCompare(b));
}

function* pluck<T, K extends keyof T>(rows: Iterable<T>, key: K): Generator<T[K]> {
  for (const row of rows) yield row[key];
}

export function Toolbar({ feeds, quickSearchRef }: ToolbarProps) {
  const filters = useDeskStore((s) => s.filters);
  const servers = useDeskStore((s) => s.info?.servers ?? NO_SERVERS);
  const setFilter = useDeskStore((s) => s.setFilter);
  const clearFilters = useDeskStore((s) => s.clearFilters);
  const [groups, setGroups] = useState<string[]>([]);
  const [symbols, setSymbols] = useState<string[]>([]);

  const bind = (key: keyof DeskFilters) => ({
    value: filters[key],
    onChange: (e: { target: { value: string } }) => setFilter(key, e.target.value),
    // Escape empties the field first; a second Escape leaves it (the grid takes focus back).
    onKeyDown: (e: KeyboardEvent<HTMLInputElement>) => {
      if (e.key === 'Escape' && filters[key] !== '') {
        e.preventDefault();
        setFilter(key, '');
      }
    },
  });

  return (
    <search className="toolbar" aria-label="Filters">
      <label>
        <span>Server</span>
        <select
          data-testid="filter-server"
          value={filters.server}
          onChange={(e) => setFilter('server', e.target.value)}
        >
          <option value="">All servers</option>
          {servers.map((server) => (
            <option key={server} value={server}>
              {server}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>Group</span>
        <input
          data-testid="filter-group"
          list="desk-groups"
          placeholder="any"
          spellCheck={false}
          onFocus={() => setGroups(distinct(pluck(feeds.accounts.values(), 'group')))}
          {...bind('group')}
        />
        <datalist id="desk-groups">
          {groups.map((g) => (
            <option key={g} value={g} />
          ))}
        </datalist>
      </label>
      <label>
        <span>Symbol</span>
        <input
          data-testid="filter-symbol"
          list="desk-symbols"
          placeholder="any"
          spellCheck={false}
          onFocus={() => setSymbols(distinct(pluck(feeds.positions.values(), 'symbol')))}
          {...bind('symbol')}
        />
        <datalist id="desk-symbols">
          {symbols.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      </label>
      <label>
        <span>Login</span>
        <input data-testid="filter-login" inputMode="numeric" placeholder="any" size={9} {...bind('login')} />
      </label>
      <label className="toolbar-search">
        <span>Search</span>
        <input
          ref={quickSearchRef}
          data-testid="quick-search"
          type="search"
          placeholder="Login, client, group, symbol…  ( / )"
          spellCheck={false}
          {...bind('quick')}
        />
      </label>
      <button
        type="button"
        data-testid="clear-filters"
        disabled={!isDeskFilterActive(filters) && filters.quick === ''}
        onClick={clearFilters}
      >
        Clear
      </button>
    </search>
  );
}
