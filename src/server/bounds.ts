/** The work the app lets one request ask for, from `AppOptions.limits` (the config's `limits`). */
import { DEFAULT_LIMITS } from '../config.js';
import type { SearchRequest } from '../search/search.js';
import type { AppOptions } from './app.js';

/** What bounds every search the app runs: the query's size, and the time it may take. */
export function searchBounds(options: AppOptions): Pick<SearchRequest, 'limits' | 'budgetMs'> {
  const limits = (options.limits ?? DEFAULT_LIMITS).search;
  return { limits, budgetMs: limits.budgetMs };
}
