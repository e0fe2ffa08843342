export * from './conflicts';
export * from './database';
export * from './edits';
export * from './error-code';
export * from './pending';
export * from './stream-retry';
export * from './sync';
export * from './transport';
