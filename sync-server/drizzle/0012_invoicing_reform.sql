ALTER TABLE `entreprises` ADD `nature_operation` text;--> statement-breakpoint
ALTER TABLE `entreprises` ADD `tva_sur_debits` integer;--> statement-breakpoint
ALTER TABLE `entreprises` ADD `mentions_facturation` text;--> statement-breakpoint
ALTER TABLE `factures` ADD `nature_operation` text;--> statement-breakpoint
ALTER TABLE `factures` ADD `adresse_livraison` text;--> statement-breakpoint
ALTER TABLE `factures` ADD `mentions_facturation` text;