/**
 * What the source figures migration (SQLite 15, PostgreSQL 19) adds, taken back by the tests that turn
 * an archive into one from before an earlier migration, so that every later migration runs again.
 */
export const TAKE_BACK_SOURCE_FIGURES = {
  sqlite:
    'DROP TRIGGER source_figures_article_insert; DROP TRIGGER source_figures_article_update;' +
    ' DROP TRIGGER source_figures_version_insert; DROP TABLE source_figures;',
  postgres:
    'DROP FUNCTION source_figures_articles_inserted(), source_figures_articles_updated(),' +
    ' source_figures_versions_inserted(), source_figures_fold(text[]) CASCADE;' +
    ' DROP TABLE source_figures; DROP SEQUENCE source_figures_writes;',
};
