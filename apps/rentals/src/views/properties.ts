/** Placeholder: replaced by the page's real views. */
import { RentalsView, type Section } from './base.js';

export class PropertyListView extends RentalsView {
  static template = 'placeholder.html';
  section: Section = 'properties';
}

export class PropertyDetailView extends RentalsView {
  static template = 'placeholder.html';
  section: Section = 'properties';
}

