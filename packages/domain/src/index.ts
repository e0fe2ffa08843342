export * from './missions';
export * from './rules';
export * from './time';
