export * from './life-cycle';
export * from './money';
export * from './totals';
