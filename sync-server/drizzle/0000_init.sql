CREATE TABLE `activity_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`actor` text,
	`source` text NOT NULL,
	`action` text NOT NULL,
	`collection` text NOT NULL,
	`document_id` text NOT NULL,
	`seq` integer NOT NULL,
	`details` text
);
--> statement-breakpoint
CREATE INDEX `activity_log_at_idx` ON `activity_log` (`at`);--> statement-breakpoint
CREATE INDEX `activity_log_document_idx` ON `activity_log` (`collection`,`document_id`);--> statement-breakpoint
CREATE TABLE `chauffeurs` (
	`id` text PRIMARY KEY NOT NULL,
	`rev` integer NOT NULL,
	`updated_at` text NOT NULL,
	`code` text NOT NULL,
	`nom` text NOT NULL,
	`prenom` text NOT NULL,
	`telephone` text,
	`email` text,
	`type_contrat` text,
	`date_embauche` text,
	`permis` text,
	`adr` integer NOT NULL,
	`fimo` integer NOT NULL,
	`competences` text NOT NULL,
	`is_active` integer NOT NULL,
	`commentaire` text,
	`_seq` integer NOT NULL,
	`_deleted` integer NOT NULL,
	`_server_updated_at` text NOT NULL,
	`_updated_by` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `chauffeurs_seq_idx` ON `chauffeurs` (`_seq`);--> statement-breakpoint
CREATE TABLE `missions` (
	`id` text PRIMARY KEY NOT NULL,
	`rev` integer NOT NULL,
	`updated_at` text NOT NULL,
	`date_mission` text NOT NULL,
	`heure_debut` text NOT NULL,
	`heure_fin` text,
	`voyage_id` text,
	`chauffeur_id` text,
	`type_mission` text NOT NULL,
	`depart` text,
	`destination` text NOT NULL,
	`pays` text,
	`nb_palettes` integer,
	`poids_kg` real,
	`tracteur` text,
	`remorque` text,
	`statut` text NOT NULL,
	`commentaire` text,
	`_seq` integer NOT NULL,
	`_deleted` integer NOT NULL,
	`_server_updated_at` text NOT NULL,
	`_updated_by` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `missions_seq_idx` ON `missions` (`_seq`);--> statement-breakpoint
CREATE TABLE `sync_sequence` (
	`id` integer PRIMARY KEY NOT NULL,
	`value` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `voyages` (
	`id` text PRIMARY KEY NOT NULL,
	`rev` integer NOT NULL,
	`updated_at` text NOT NULL,
	`code` text NOT NULL,
	`nom` text NOT NULL,
	`description` text,
	`depart` text,
	`destination` text,
	`pays_destination` text,
	`heure_depart_defaut` text,
	`heure_arrivee_defaut` text,
	`jours_operation` text NOT NULL,
	`nb_palettes_moyen` integer,
	`is_active` integer NOT NULL,
	`couleur` text,
	`_seq` integer NOT NULL,
	`_deleted` integer NOT NULL,
	`_server_updated_at` text NOT NULL,
	`_updated_by` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `voyages_seq_idx` ON `voyages` (`_seq`);