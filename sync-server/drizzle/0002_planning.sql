CREATE TABLE `disponibilites` (
	`id` text PRIMARY KEY NOT NULL,
	`rev` integer NOT NULL,
	`updated_at` text NOT NULL,
	`chauffeur_id` text NOT NULL,
	`date_debut` text NOT NULL,
	`date_fin` text NOT NULL,
	`type_absence` text NOT NULL,
	`motif` text,
	`_seq` integer NOT NULL,
	`_deleted` integer NOT NULL,
	`_server_updated_at` text NOT NULL,
	`_updated_by` text,
	`_created_at` text,
	`_created_by` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `disponibilites_seq_idx` ON `disponibilites` (`_seq`);--> statement-breakpoint
CREATE TABLE `revenus_palettes` (
	`id` text PRIMARY KEY NOT NULL,
	`rev` integer NOT NULL,
	`updated_at` text NOT NULL,
	`destination` text NOT NULL,
	`pays` text,
	`revenu_par_palette` integer NOT NULL,
	`date_debut` text,
	`date_fin` text,
	`_seq` integer NOT NULL,
	`_deleted` integer NOT NULL,
	`_server_updated_at` text NOT NULL,
	`_updated_by` text,
	`_created_at` text,
	`_created_by` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `revenus_palettes_seq_idx` ON `revenus_palettes` (`_seq`);--> statement-breakpoint
CREATE TABLE `sst` (
	`id` text PRIMARY KEY NOT NULL,
	`rev` integer NOT NULL,
	`updated_at` text NOT NULL,
	`code` text NOT NULL,
	`nom` text NOT NULL,
	`raison_sociale` text,
	`telephone` text,
	`email` text,
	`adresse` text,
	`is_active` integer NOT NULL,
	`commentaire` text,
	`contacts` text NOT NULL,
	`tarifs` text,
	`_seq` integer NOT NULL,
	`_deleted` integer NOT NULL,
	`_server_updated_at` text NOT NULL,
	`_updated_by` text,
	`_created_at` text,
	`_created_by` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sst_seq_idx` ON `sst` (`_seq`);--> statement-breakpoint
CREATE INDEX `sst_code_idx` ON `sst` (`code`);--> statement-breakpoint
ALTER TABLE `chauffeurs` ADD `tracteur_attire` text;--> statement-breakpoint
ALTER TABLE `chauffeurs` ADD `zones_preferees` text;--> statement-breakpoint
ALTER TABLE `chauffeurs` ADD `sst_id` text;--> statement-breakpoint
ALTER TABLE `chauffeurs` ADD `permis_validite` text;--> statement-breakpoint
ALTER TABLE `chauffeurs` ADD `fimo_validite` text;--> statement-breakpoint
ALTER TABLE `chauffeurs` ADD `adr_validite` text;--> statement-breakpoint
ALTER TABLE `chauffeurs` ADD `visite_medicale_validite` text;--> statement-breakpoint
ALTER TABLE `chauffeurs` ADD `_created_at` text;--> statement-breakpoint
ALTER TABLE `chauffeurs` ADD `_created_by` text;--> statement-breakpoint
CREATE INDEX `chauffeurs_code_idx` ON `chauffeurs` (`code`);--> statement-breakpoint
ALTER TABLE `missions` ADD `sst_id` text;--> statement-breakpoint
ALTER TABLE `missions` ADD `numero` text;--> statement-breakpoint
ALTER TABLE `missions` ADD `duree_conduite_min` integer;--> statement-breakpoint
ALTER TABLE `missions` ADD `force_motif` text;--> statement-breakpoint
ALTER TABLE `missions` ADD `_created_at` text;--> statement-breakpoint
ALTER TABLE `missions` ADD `_created_by` text;--> statement-breakpoint
CREATE INDEX `missions_date_mission_idx` ON `missions` (`date_mission`);--> statement-breakpoint
CREATE INDEX `missions_chauffeur_id_date_mission_idx` ON `missions` (`chauffeur_id`,`date_mission`);--> statement-breakpoint
CREATE INDEX `missions_voyage_id_date_mission_idx` ON `missions` (`voyage_id`,`date_mission`);--> statement-breakpoint
CREATE INDEX `missions_sst_id_date_mission_idx` ON `missions` (`sst_id`,`date_mission`);--> statement-breakpoint
ALTER TABLE `voyages` ADD `duree_conduite_min` integer;--> statement-breakpoint
ALTER TABLE `voyages` ADD `competences_requises` text;--> statement-breakpoint
ALTER TABLE `voyages` ADD `permis_requis` text;--> statement-breakpoint
ALTER TABLE `voyages` ADD `type_mission` text;--> statement-breakpoint
ALTER TABLE `voyages` ADD `chauffeur_habituel_id` text;--> statement-breakpoint
ALTER TABLE `voyages` ADD `_created_at` text;--> statement-breakpoint
ALTER TABLE `voyages` ADD `_created_by` text;--> statement-breakpoint
CREATE INDEX `voyages_code_idx` ON `voyages` (`code`);