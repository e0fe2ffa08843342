CREATE TABLE `sages_chantiers` (
	`code` text PRIMARY KEY NOT NULL,
	`libelle` text NOT NULL,
	`date_debut` text,
	`date_fin` text,
	`code_client` text,
	`client` text,
	`adresse` text,
	`code_postal` text,
	`ville` text,
	`heures_vendues` real,
	`actif` integer NOT NULL,
	`hash` text NOT NULL,
	`changed_at` text NOT NULL,
	`bs_project_id` text,
	`exported_hash` text,
	`exported_at` text
);
--> statement-breakpoint
CREATE INDEX `sages_chantiers_export_idx` ON `sages_chantiers` (`exported_hash`);--> statement-breakpoint
CREATE TABLE `sages_config` (
	`id` integer PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text
);
--> statement-breakpoint
CREATE TABLE `sages_heures` (
	`slot_id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`salarie_nom` text,
	`project_id` text,
	`debut_utc` text NOT NULL,
	`fin_utc` text NOT NULL,
	`date_locale` text NOT NULL,
	`minutes` integer NOT NULL,
	`panier` integer NOT NULL,
	`trajet` integer NOT NULL,
	`statut` text NOT NULL,
	`hash` text NOT NULL,
	`changed_at` text NOT NULL,
	`sent_hash` text,
	`sent_at` text
);
--> statement-breakpoint
CREATE INDEX `sages_heures_statut_idx` ON `sages_heures` (`statut`,`sent_hash`);--> statement-breakpoint
CREATE INDEX `sages_heures_date_idx` ON `sages_heures` (`date_locale`);--> statement-breakpoint
CREATE TABLE `sages_project_codes` (
	`project_id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`nom` text,
	`refreshed_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sages_project_codes_code_idx` ON `sages_project_codes` (`code`);--> statement-breakpoint
CREATE TABLE `sages_slot_rows` (
	`slot_id` text PRIMARY KEY NOT NULL,
	`code_chantier` text NOT NULL,
	`code_salarie` text NOT NULL,
	`date` text NOT NULL,
	`heures` real NOT NULL,
	`trajet` integer NOT NULL,
	`panier` integer NOT NULL,
	`sent_at` text NOT NULL
);
