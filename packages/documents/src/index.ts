export * from './pdf';
export * from './format';
export * from './facturx/pdfa';
export * from './facturx/read';
