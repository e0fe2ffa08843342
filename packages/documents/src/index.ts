export * from './pdf';
export * from './format';
export * from './facturx/cii';
export * from './facturx/pdfa';
export * from './facturx/read';
export * from './facturx/document';
