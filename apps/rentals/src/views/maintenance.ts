/** Placeholder: replaced by the page's real views. */
import { RentalsView, type Section } from './base.js';

export class MaintenanceBoardView extends RentalsView {
  static template = 'placeholder.html';
  section: Section = 'maintenance';
}

