CREATE TABLE `job_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`job` text NOT NULL,
	`trigger` text NOT NULL,
	`actor` text,
	`scheduled_for` text,
	`started_at` text NOT NULL,
	`ended_at` text,
	`status` text NOT NULL,
	`progress_done` integer,
	`progress_total` integer,
	`progress_label` text,
	`counts` text NOT NULL,
	`error` text,
	`log_excerpt` text NOT NULL,
	`result` text,
	`owner` text,
	`heartbeat_at` text
);
--> statement-breakpoint
CREATE INDEX `job_runs_job_idx` ON `job_runs` (`job`,`id`);--> statement-breakpoint
CREATE INDEX `job_runs_open_idx` ON `job_runs` (`ended_at`);--> statement-breakpoint
CREATE TABLE `job_state` (
	`job` text PRIMARY KEY NOT NULL,
	`last_fire_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text,
	`updated_at` text NOT NULL,
	`updated_by` text
);
