export type { TestApp } from './app.js';
export { waitConnected, type TestPage } from './page.js';
export { screenshot } from './screenshot.js';
export { browserSuite, type Suite } from './suite.js';
export { gate, type Gate } from './gate.js';
export { rentalsSuite, startRentals, type RentalsApp, type RentalsSuite } from './rentals.js';
