/** `/admin/audit`: what admins and editors did (users, tokens, sweeps), newest first; admins only. */
import type { Context } from 'hono';
import type { ArchiveStore } from '../../store/types.js';
import { shortTime } from '../format.js';
import { Layout } from '../layout.js';
import { sendPage } from '../render.js';

const PAGE = 100;

export async function auditPage(c: Context, store: ArchiveStore): Promise<Response> {
  const before = Number(c.req.query('before'));
  const page = await store.accounts.listAudit({
    limit: PAGE,
    before: Number.isInteger(before) && before > 0 ? before : undefined,
  });
  const last = page.items.at(-1);
  return sendPage(
    c,
    <Layout title="Audit log" wide searchBox={false}>
      <h1>Audit log</h1>
      <p class="meta">{page.total.toLocaleString('en')} entries, newest first.</p>
      <table class="audit">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">What</th>
            <th scope="col">On</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {page.items.map((e) => (
            <tr>
              <td>
                <time datetime={e.at}>{shortTime(e.at)}</time>
              </td>
              <td>{e.actor}</td>
              <td>{e.action}</td>
              <td>{e.target}</td>
              <td>
                <code>{JSON.stringify(e.detail)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {last && page.items.length === PAGE && (
        <p>
          <a href={`/admin/audit?before=${last.id}`}>Older entries</a>
        </p>
      )}
    </Layout>,
  );
}
