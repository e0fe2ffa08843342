export * from './pdf';
export * from './format';
