CREATE TABLE `issued_numbers` (
	`entreprise_id` text NOT NULL,
	`numero` text NOT NULL,
	`document_type` text NOT NULL,
	`document_id` text NOT NULL,
	`issued_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `issued_numbers_numero_idx` ON `issued_numbers` (`entreprise_id`,`numero`);--> statement-breakpoint
-- The numbers given before this table existed: invoices and credit notes first, in validation order,
-- then quotes. A number already stored twice (what this table prevents) stays on both documents and
-- is recorded once; the series skip it from now on.
INSERT OR IGNORE INTO `issued_numbers` (`entreprise_id`, `numero`, `document_type`, `document_id`, `issued_at`)
SELECT `entreprise_id`, `numero`, CASE WHEN `type_facture` = 'avoir' THEN 'avoir' ELSE 'facture' END, `id`, COALESCE(`validee_le`, `_server_updated_at`)
FROM `factures` WHERE `numero` IS NOT NULL ORDER BY COALESCE(`validee_le`, `_server_updated_at`), `_seq`;
--> statement-breakpoint
INSERT OR IGNORE INTO `issued_numbers` (`entreprise_id`, `numero`, `document_type`, `document_id`, `issued_at`)
SELECT `entreprise_id`, `numero`, 'devis', `id`, COALESCE(`_created_at`, `_server_updated_at`)
FROM `devis` WHERE `numero` IS NOT NULL ORDER BY `_seq`;
