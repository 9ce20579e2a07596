export * from './schemas.js';
export * from './money.js';
export * from './paths.js';
export * from './merchant.js';
export * from './payouts.js';
export * from './subscriptions.js';
