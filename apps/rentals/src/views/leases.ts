/** Placeholder: replaced by the page's real views. */
import { RentalsView, type Section } from './base.js';

export class LeaseListView extends RentalsView {
  static template = 'placeholder.html';
  section: Section = 'leases';
}

export class LeaseFormView extends RentalsView {
  static template = 'placeholder.html';
  section: Section = 'leases';
}

export class LeaseDetailView extends RentalsView {
  static template = 'placeholder.html';
  section: Section = 'leases';
}

