ALTER TABLE `factures` ADD `tva_sur_debits` integer;--> statement-breakpoint
-- Documents validated before this column existed printed the company's option as it is today:
-- frozen now, so changing the company later changes no issued invoice. Each takes the next server
-- sequence number (never below the table's own), so every PC pulls the frozen value too.
CREATE TEMP TABLE `_frozen_factures` AS
SELECT `id`, ROW_NUMBER() OVER (ORDER BY `_seq`) + MAX(
  COALESCE((SELECT `value` FROM `sync_sequence` WHERE `id` = 1), 0),
  COALESCE((SELECT MAX(`_seq`) FROM `factures`), 0)
) AS `seq`
FROM `factures` WHERE `statut` = 'validee' AND `_deleted` = 0 AND `tva_sur_debits` IS NULL;
--> statement-breakpoint
UPDATE `factures` SET
  `tva_sur_debits` = COALESCE((SELECT `e`.`tva_sur_debits` FROM `entreprises` `e` WHERE `e`.`id` = `factures`.`entreprise_id`), 0),
  `_seq` = (SELECT `f`.`seq` FROM `_frozen_factures` `f` WHERE `f`.`id` = `factures`.`id`)
WHERE `id` IN (SELECT `id` FROM `_frozen_factures`);
--> statement-breakpoint
INSERT INTO `sync_sequence` (`id`, `value`) SELECT 1, `seq` FROM `_frozen_factures` WHERE `seq` = (SELECT MAX(`seq`) FROM `_frozen_factures`)
ON CONFLICT(`id`) DO UPDATE SET `value` = excluded.`value`;
--> statement-breakpoint
DROP TABLE `_frozen_factures`;
