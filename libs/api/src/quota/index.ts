export * from './quota-usage';
