ALTER TABLE `missions` ADD `client_id` text;--> statement-breakpoint
ALTER TABLE `missions` ADD `facture_id` text;--> statement-breakpoint
CREATE INDEX `missions_client_id_date_mission_idx` ON `missions` (`client_id`,`date_mission`);--> statement-breakpoint
CREATE INDEX `missions_facture_id_idx` ON `missions` (`facture_id`);