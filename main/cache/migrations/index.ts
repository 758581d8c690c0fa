/**
 * The migrations of each database, in the order they apply. Append only: a file that has been
 * applied somewhere must never change (its hash is checked on open); add a new NNN_ file instead.
 */
import { type Migration, migrationFile } from '../migrate';
import mirrorInit from './mirror/001_init.sql';
import mirrorPlannerStats from './mirror/002_planner_stats.sql';
import recordInit from './record/001_init.sql';
import recordAlerts from './record/002_alerts.sql';

export const mirrorMigrations: readonly Migration[] = [
  migrationFile('001_init.sql', mirrorInit),
  migrationFile('002_planner_stats.sql', mirrorPlannerStats),
];

export const recordMigrations: readonly Migration[] = [
  migrationFile('001_init.sql', recordInit),
  migrationFile('002_alerts.sql', recordAlerts),
];
