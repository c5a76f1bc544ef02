export * from './IncidentsExtensionPoint';
