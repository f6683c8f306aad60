import type { Command } from 'commander';
import { articleLabel, formatArticleDate } from '../../model/label.js';
import type { ArchiveStore, StoredArticle } from '../../store/types.js';
import { EXIT, printJson, printText } from '../output.js';
import { terminalSafe } from '../terminal-safe.js';
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
          printText(`no article with id or URL "${terminalSafe(ref)}"\n`, process.stderr);
          process.exitCode = EXIT.rejected;
          return;
        }
        const { keys: _keys, ...plain } = article;
        const [source, versions, listings] = await Promise.all([
          store.getSource(article.sourceId),
          store.getVersions(article.id),
          store.listListingEntries({ articleId: article.id }),
        ]);
        const label = articleLabel(article);
        if (flags.json) {
          printJson({
            article: { ...plain, label: label.text, labelDerived: label.derived },
            source,
            versions,
            listings,
          });
          return;
        }
        // For one-line fields: line breaks become spaces.
        const one = terminalSafe;
        const lines = [
          label.derived ? `[no title] ${one(label.text)}` : one(label.text),
          `id:        ${one(article.id)}`,
          `source:    ${one(source?.label ?? article.sourceId)}`,
          `published: ${formatArticleDate(article.published)} (from ${article.published.basis})`,
        ];
        if (article.dateline)
          lines.push(
            `dateline:  ${one(article.dateline.raw)}${article.dateline.damaged ? ' (damaged)' : ''}`,
          );
        if (article.url) lines.push(`url:       ${one(article.url)}`);
        lines.push(
          `status:    ${article.status}; ${versions.length} version(s); story ${one(article.storyId)}`,
        );
        const body = article.paragraphs.length
          ? article.paragraphs.flatMap((p) => [terminalSafe(p, 'block'), ''])
          : [`(teaser only) ${one(article.teaser ?? '')}`, ''];
        printText(`${[...lines, '', ...body].join('\n')}\n`);
      });
    });
}

async function findArticle(store: ArchiveStore, ref: string): Promise<StoredArticle | null> {
  return (
    (await store.getArticle(ref)) ?? (ref.includes('/') ? await store.findArticleByUrl(ref) : null)
  );
}
