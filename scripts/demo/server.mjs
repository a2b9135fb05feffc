// A preview of the template engine until the rentals demo exists: one page rendered by
// @djust/templates from templates/ with generated data. PORT (default 8000) and HOST apply.
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { Engine } from '@djust/templates';

const engine = new Engine({ dirs: [fileURLToPath(new URL('./templates', import.meta.url))], debug: true });
const port = Number(process.env.PORT ?? 8000);
const host = process.env.HOST ?? '127.0.0.1';

function leases(n) {
  const statuses = ['active', 'expiring', 'late'];
  return Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    property: { name: `Unit ${100 + i} <Main & 5th>` },
    tenant: { user: { first_name: `Tenant`, last_name: `#${i + 1}`, email: `tenant${i + 1}@example.com` } },
    rent: 950 + i * 37.5,
    end_date: new Date(2026, (i * 3) % 12, 1 + (i % 27)),
    status: statuses[i % statuses.length],
  }));
}

createServer((req, res) => {
  const url = new URL(req.url ?? '/', `http://${host}`);
  if (url.pathname !== '/') {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
    return;
  }
  try {
    const html = engine.render('leases.html', { title: 'Leases', leases: leases(12), now: new Date() });
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  } catch (e) {
    console.error(e);
    res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end(String(e));
  }
}).listen(port, host, () => {
  console.log(`djust template preview running at http://${host}:${port}/`);
});
