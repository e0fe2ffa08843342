CREATE TABLE `annonces_config` (
	`id` integer PRIMARY KEY NOT NULL,
	`subject_template` text NOT NULL,
	`body_template` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text
);
--> statement-breakpoint
CREATE TABLE `annonces_historique` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`username` text,
	`date` text NOT NULL,
	`sst_id` text NOT NULL,
	`sst_nom` text NOT NULL,
	`recipients` text NOT NULL,
	`subject` text NOT NULL,
	`mission_ids` text NOT NULL,
	`status` text NOT NULL,
	`error` text
);
--> statement-breakpoint
CREATE INDEX `annonces_historique_at_idx` ON `annonces_historique` (`at`);--> statement-breakpoint
CREATE INDEX `annonces_historique_date_idx` ON `annonces_historique` (`date`,`sst_id`);