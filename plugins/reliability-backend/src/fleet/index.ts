export { FleetStore, fleetSloFiguresOf } from './FleetStore';
export type {
  FleetProjection,
  FleetReadinessUpdate,
  FleetSloFigures,
  FleetAlertQualityFigures,
  FleetIncidentFigures,
} from './FleetStore';
export { addFleetRoutes } from './fleetRoutes';
export type { FleetRoutesOptions } from './fleetRoutes';
