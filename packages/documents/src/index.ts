export * from './pdf';
export * from './format';
export * from './facturx/cii';
