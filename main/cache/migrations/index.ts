/**
 * The migrations of each database, in the order they apply. Append only: a file that has been
 * applied somewhere must never change (its hash is checked on open); add a new NNN_ file instead.
 */
import { type Migration, migrationFile } from '../migrate';
import mirrorInit from './mirror/001_init.sql';
import mirrorPlannerStats from './mirror/002_planner_stats.sql';
import recordInit from './record/001_init.sql';
import recordAlerts from './record/002_alerts.sql';
import recordOperatorsAudit from './record/003_operators_audit.sql';
import recordActions from './record/004_actions.sql';
import recordSimulatorOperations from './record/005_simulator_operations.sql';

export const mirrorMigrations: readonly Migration[] = [
  migrationFile('001_init.sql', mirrorInit),
  migrationFile('002_planner_stats.sql', mirrorPlannerStats),
];

export const recordMigrations: readonly Migration[] = [
  migrationFile('001_init.sql', recordInit),
  migrationFile('002_alerts.sql', recordAlerts),
  migrationFile('003_operators_audit.sql', recordOperatorsAudit),
  migrationFile('004_actions.sql', recordActions),
  migrationFile('005_simulator_operations.sql', recordSimulatorOperations),
];
