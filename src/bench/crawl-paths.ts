/** The crawl benchmark site's article paths: number `i` as 32 hex digits, as KCNA's are. */
export function articlePath(i: number): string {
  return `/en/article/detail/${i.toString(16).padStart(32, '0')}`;
}
