export * from './access';
export * from './missions';
export * from './password-policy';
export * from './permissions';
export * from './rules';
export * from './time';
export * from './planning';
export * from './invoicing';
