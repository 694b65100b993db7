export * from './language';
export * from './mobile';
export * from './national-address';
export * from './national-id';
export * from './passport-number';
export * from './postal-code';
export * from './short-address';
export * from './validation-error';
