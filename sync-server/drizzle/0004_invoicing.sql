CREATE TABLE `articles` (
	`id` text PRIMARY KEY NOT NULL,
	`rev` integer NOT NULL,
	`updated_at` text NOT NULL,
	`reference` text NOT NULL,
	`libelle` text NOT NULL,
	`description` text,
	`unite` text NOT NULL,
	`prix_unitaire_ht` integer NOT NULL,
	`taux_tva_bp` integer NOT NULL,
	`is_active` integer NOT NULL,
	`_seq` integer NOT NULL,
	`_deleted` integer NOT NULL,
	`_server_updated_at` text NOT NULL,
	`_updated_by` text,
	`_created_at` text,
	`_created_by` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `articles_seq_idx` ON `articles` (`_seq`);--> statement-breakpoint
CREATE INDEX `articles_reference_idx` ON `articles` (`reference`);--> statement-breakpoint
CREATE TABLE `contacts` (
	`id` text PRIMARY KEY NOT NULL,
	`rev` integer NOT NULL,
	`updated_at` text NOT NULL,
	`entreprise_id` text NOT NULL,
	`type_contact` text NOT NULL,
	`nom` text NOT NULL,
	`prenom` text,
	`code` text,
	`siren` text,
	`siret` text,
	`tva_intracom` text,
	`email` text,
	`telephone` text,
	`adresse_facturation` text NOT NULL,
	`adresse_livraison` text,
	`groupe_ids` text NOT NULL,
	`conditions_paiement` text,
	`autoliquidation` integer,
	`is_active` integer NOT NULL,
	`notes` text,
	`_seq` integer NOT NULL,
	`_deleted` integer NOT NULL,
	`_server_updated_at` text NOT NULL,
	`_updated_by` text,
	`_created_at` text,
	`_created_by` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contacts_seq_idx` ON `contacts` (`_seq`);--> statement-breakpoint
CREATE TABLE `devis` (
	`id` text PRIMARY KEY NOT NULL,
	`rev` integer NOT NULL,
	`updated_at` text NOT NULL,
	`entreprise_id` text NOT NULL,
	`contact_id` text NOT NULL,
	`numero` text,
	`statut` text NOT NULL,
	`date_devis` text NOT NULL,
	`date_validite` text NOT NULL,
	`objet` text,
	`lignes` text NOT NULL,
	`regime_tva` text NOT NULL,
	`conditions` text,
	`notes` text,
	`envois` text,
	`_seq` integer NOT NULL,
	`_deleted` integer NOT NULL,
	`_server_updated_at` text NOT NULL,
	`_updated_by` text,
	`_created_at` text,
	`_created_by` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `devis_seq_idx` ON `devis` (`_seq`);--> statement-breakpoint
CREATE INDEX `devis_entreprise_id_numero_idx` ON `devis` (`entreprise_id`,`numero`);--> statement-breakpoint
CREATE TABLE `entreprises` (
	`id` text PRIMARY KEY NOT NULL,
	`rev` integer NOT NULL,
	`updated_at` text NOT NULL,
	`raison_sociale` text NOT NULL,
	`nom_commercial` text,
	`forme_juridique` text,
	`capital_social` integer,
	`adresse` text NOT NULL,
	`siren` text NOT NULL,
	`siret` text,
	`rcs_ville` text,
	`tva_intracom` text,
	`iban` text,
	`bic` text,
	`email` text,
	`telephone` text,
	`site_web` text,
	`regime_tva` text NOT NULL,
	`conditions_paiement` text NOT NULL,
	`taux_penalites_bp` integer NOT NULL,
	`numerotation` text NOT NULL,
	`mentions` text,
	`logo` text,
	`groupes` text NOT NULL,
	`is_active` integer NOT NULL,
	`_seq` integer NOT NULL,
	`_deleted` integer NOT NULL,
	`_server_updated_at` text NOT NULL,
	`_updated_by` text,
	`_created_at` text,
	`_created_by` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `entreprises_seq_idx` ON `entreprises` (`_seq`);--> statement-breakpoint
CREATE INDEX `entreprises_siren_idx` ON `entreprises` (`siren`);--> statement-breakpoint
CREATE TABLE `factures` (
	`id` text PRIMARY KEY NOT NULL,
	`rev` integer NOT NULL,
	`updated_at` text NOT NULL,
	`entreprise_id` text NOT NULL,
	`contact_id` text NOT NULL,
	`type_facture` text NOT NULL,
	`statut` text NOT NULL,
	`numero` text,
	`date_facture` text,
	`date_echeance` text,
	`date_prestation` text,
	`conditions_paiement` text NOT NULL,
	`devis_id` text,
	`facture_origine_id` text,
	`motif` text,
	`objet` text,
	`lignes` text NOT NULL,
	`regime_tva` text NOT NULL,
	`notes` text,
	`validee_le` text,
	`envois` text,
	`_seq` integer NOT NULL,
	`_deleted` integer NOT NULL,
	`_server_updated_at` text NOT NULL,
	`_updated_by` text,
	`_created_at` text,
	`_created_by` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `factures_seq_idx` ON `factures` (`_seq`);--> statement-breakpoint
CREATE INDEX `factures_entreprise_id_numero_idx` ON `factures` (`entreprise_id`,`numero`);--> statement-breakpoint
CREATE INDEX `factures_devis_id_idx` ON `factures` (`devis_id`);--> statement-breakpoint
CREATE INDEX `factures_facture_origine_id_idx` ON `factures` (`facture_origine_id`);--> statement-breakpoint
CREATE TABLE `numbering_series` (
	`entreprise_id` text NOT NULL,
	`document_type` text NOT NULL,
	`series_key` text NOT NULL,
	`last_number` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `numbering_series_key_idx` ON `numbering_series` (`entreprise_id`,`document_type`,`series_key`);--> statement-breakpoint
CREATE TABLE `reglements` (
	`id` text PRIMARY KEY NOT NULL,
	`rev` integer NOT NULL,
	`updated_at` text NOT NULL,
	`facture_id` text NOT NULL,
	`date_reglement` text NOT NULL,
	`montant` integer NOT NULL,
	`mode` text NOT NULL,
	`reference` text,
	`notes` text,
	`_seq` integer NOT NULL,
	`_deleted` integer NOT NULL,
	`_server_updated_at` text NOT NULL,
	`_updated_by` text,
	`_created_at` text,
	`_created_by` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reglements_seq_idx` ON `reglements` (`_seq`);