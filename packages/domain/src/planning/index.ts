export * from './authority';
export * from './calendar';
export * from './conflicts';
export * from './driving';
export * from './finance';
export * from './generate';
export * from './licences';
export * from './types';
