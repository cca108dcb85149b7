export * from './vocabularies.ts';
export * from './tables.ts';
export * from './profile.ts';
