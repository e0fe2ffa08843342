CREATE TABLE `wms_connections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`ssh_host` text NOT NULL,
	`ssh_port` integer NOT NULL,
	`ssh_user` text NOT NULL,
	`ssh_auth` text NOT NULL,
	`ssh_secret_sealed` text,
	`ssh_passphrase_sealed` text,
	`host_fingerprint` text,
	`db_host` text NOT NULL,
	`db_port` integer NOT NULL,
	`db_user` text NOT NULL,
	`db_password_sealed` text,
	`db_name` text NOT NULL,
	`tables` text NOT NULL,
	`backup_dir` text NOT NULL,
	`remote_temp_dir` text NOT NULL,
	`backup_schedule` text NOT NULL,
	`restore_test_schedule` text NOT NULL,
	`keep_daily` integer NOT NULL,
	`keep_weekly` integer NOT NULL,
	`keep_monthly` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `wms_connections_name_idx` ON `wms_connections` (`name`);--> statement-breakpoint
CREATE TABLE `wms_exports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`connection_id` integer NOT NULL,
	`name` text NOT NULL,
	`table_name` text,
	`query` text,
	`separator` text NOT NULL,
	`format` text NOT NULL,
	`schedule` text NOT NULL,
	`folder` text,
	FOREIGN KEY (`connection_id`) REFERENCES `wms_connections`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `wms_exports_connection_idx` ON `wms_exports` (`connection_id`);