/**
 * The rentals app: its routes (one live session, so moving between pages keeps the socket),
 * templates, static files and database.
 */
import { fileURLToPath } from 'node:url';
import type { MikroORM } from '@mikro-orm/core';
import { App, type AppOptions } from '@djust/server';
import { DashboardView } from './views/dashboard.js';
import { PropertyListView, PropertyDetailView } from './views/properties.js';
import { TenantListView, TenantDetailView } from './views/tenants.js';
import { LeaseListView, LeaseFormView, LeaseDetailView } from './views/leases.js';
import { PaymentsView } from './views/payments.js';
import { MaintenanceBoardView } from './views/maintenance.js';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export const TEMPLATES = here('../templates');
export const STATIC = here('../static');
/** The browser client's bundle, built by @djust/client. */
export const CLIENT_SCRIPT = fileURLToPath(import.meta.resolve('@djust/client/dist/client.js'));

export interface RentalsOptions extends Partial<AppOptions> {
  orm: MikroORM;
}

export function createRentalsApp(options: RentalsOptions): App {
  const secret = options.secret ?? process.env.DJUST_SECRET ?? 'rentals-development-secret-change-me';
  const app = new App({
    templates: [TEMPLATES],
    static: { '/static': STATIC },
    clientScript: CLIENT_SCRIPT,
    // Unknown URLs and the views' NotFound (a missing id) show the site's own 404 page; a
    // failure, its 500 page (the details only in the log, or on the page with `debug`).
    errorTemplates: { 404: '404.html', 500: '500.html' },
    ...options,
    secret,
  });
  app.liveSession('rentals', [
    ['/rentals', DashboardView, { name: 'dashboard', title: 'Dashboard' }],
    ['/rentals/properties', PropertyListView, { name: 'properties', title: 'Properties' }],
    ['/rentals/properties/:id', PropertyDetailView, { name: 'property', title: 'Property' }],
    ['/rentals/tenants', TenantListView, { name: 'tenants', title: 'Tenants' }],
    ['/rentals/tenants/:id', TenantDetailView, { name: 'tenant', title: 'Tenant' }],
    ['/rentals/leases', LeaseListView, { name: 'leases', title: 'Leases' }],
    ['/rentals/leases/new', LeaseFormView, { name: 'lease_new', title: 'New lease' }],
    ['/rentals/leases/:id', LeaseDetailView, { name: 'lease', title: 'Lease' }],
    ['/rentals/leases/:id/edit', LeaseFormView, { name: 'lease_edit', title: 'Edit lease' }],
    ['/rentals/payments', PaymentsView, { name: 'payments', title: 'Payments' }],
    ['/rentals/maintenance', MaintenanceBoardView, { name: 'maintenance', title: 'Maintenance' }],
  ]);
  app.get('/', (ctx) => ctx.redirect('/rentals', 302));
  return app;
}
