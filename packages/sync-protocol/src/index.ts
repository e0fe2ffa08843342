export * from './checkpoint';
export * from './documents';
export * from './errors';
export * from './merge';
export * from './wire';
