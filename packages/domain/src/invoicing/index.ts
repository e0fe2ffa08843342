export * from './life-cycle';
export * from './money';
export * from './totals';
export * from './numbering';
export * from './contacts';
export * from './rules';
export * from './convert';
export * from './fec';
