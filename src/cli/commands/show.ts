import type { Command } from 'commander';
import { articleLabel, formatArticleDate } from '../../model/label.js';
import type { ArchiveStore, StoredArticle } from '../../store/types.js';
import { EXIT, printJson } from '../output.js';
import { withStore, type GlobalFlags } from '../open-store.js';

export function registerShow(program: Command): void {
  program
    .command('show')
    .description('print one article: metadata, body, versions and the listings that showed it')
    .argument('<id-or-url>', 'article id (as `list` prints it) or its URL')
    .addHelpText('after', '\nExit codes: 0 found, 1 no such article, 2 usage error.')
    .action(async (ref: string, _flags: unknown, cmd: Command) => {
      const flags = cmd.optsWithGlobals() as GlobalFlags;
      await withStore(flags, async (store) => {
        const article = await findArticle(store, ref);
        if (!article) {
          process.stderr.write(`no article with id or URL "${ref}"\n`);
          process.exitCode = EXIT.rejected;
          return;
        }
        const { keys: _keys, ...plain } = article;
        const [source, versions, listings] = await Promise.all([
          store.getSource(article.sourceId), store.getVersions(article.id), store.listListingEntries({ articleId: article.id }),
        ]);
        const label = articleLabel(article);
        if (flags.json) {
          printJson({ article: { ...plain, label: label.text, labelDerived: label.derived }, source, versions, listings });
          return;
        }
        const lines = [
          label.derived ? `[no title] ${label.text}` : label.text,
          `id:        ${article.id}`,
          `source:    ${source?.label ?? article.sourceId}`,
          `published: ${formatArticleDate(article.published)} (from ${article.published.basis})`,
        ];
        if (article.dateline) lines.push(`dateline:  ${article.dateline.raw}${article.dateline.damaged ? ' (damaged)' : ''}`);
        if (article.url) lines.push(`url:       ${article.url}`);
        lines.push(`status:    ${article.status}; ${versions.length} version(s); story ${article.storyId}`);
        lines.push('', ...(article.paragraphs.length ? article.paragraphs.flatMap((p) => [p, '']) : [`(teaser only) ${article.teaser ?? ''}`, '']));
        process.stdout.write(`${lines.join('\n')}\n`);
      });
    });
}

async function findArticle(store: ArchiveStore, ref: string): Promise<StoredArticle | null> {
  return (await store.getArticle(ref)) ?? (ref.includes('/') ? await store.findArticleByUrl(ref) : null);
}
