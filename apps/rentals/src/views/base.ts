/**
 * What every rentals page shares: the live part of base.html is its `page` block (the section
 * navigation and the content), so a live navigation between pages updates both, while the
 * document's head and footer are rendered once.
 */
import { LiveView } from '@djust/server';

export type Section = 'dashboard' | 'properties' | 'tenants' | 'leases' | 'payments' | 'maintenance';

export abstract class RentalsView extends LiveView {
  static liveBlock = 'page';
  /** Which entry of the navigation is the current one. */
  abstract section: Section;
}
