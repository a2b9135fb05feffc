/** Placeholder: replaced by the page's real views. */
import { RentalsView, type Section } from './base.js';

export class TenantListView extends RentalsView {
  static template = 'placeholder.html';
  section: Section = 'tenants';
}

export class TenantDetailView extends RentalsView {
  static template = 'placeholder.html';
  section: Section = 'tenants';
}

