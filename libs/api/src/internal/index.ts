export * from './internal-payloads.dto';
export * from './kubernetes-model.validator';
export * from './validate-payload';
