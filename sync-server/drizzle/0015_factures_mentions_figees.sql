-- Documents validated before the server froze them printed the company's nature of operations and
-- notes (PMT, PMD, AAB) as they are today, where the document had none of its own: frozen now, the
-- document's own else the company's else the legal defaults (`frozenReformFields`, `defaultMentions`),
-- so changing the company later changes no issued invoice. Each takes the next server sequence
-- number (never below the table's own), so every PC pulls the frozen values too.
CREATE TEMP TABLE `_frozen_mentions` AS
SELECT `id`, ROW_NUMBER() OVER (ORDER BY `_seq`) + MAX(
  COALESCE((SELECT `value` FROM `sync_sequence` WHERE `id` = 1), 0),
  COALESCE((SELECT MAX(`_seq`) FROM `factures`), 0)
) AS `seq`
FROM `factures` WHERE `statut` = 'validee' AND `_deleted` = 0 AND (
  `nature_operation` IS NULL OR `mentions_facturation` IS NULL
  OR json_extract(`mentions_facturation`, '$.recouvrement') IS NULL
  OR json_extract(`mentions_facturation`, '$.penalites') IS NULL
  OR json_extract(`mentions_facturation`, '$.escompte') IS NULL
);
--> statement-breakpoint
UPDATE `factures` SET
  `nature_operation` = COALESCE(
    `nature_operation`,
    (SELECT `e`.`nature_operation` FROM `entreprises` `e` WHERE `e`.`id` = `factures`.`entreprise_id`),
    'services'
  ),
  `mentions_facturation` = json_object(
    'recouvrement', COALESCE(
      json_extract(`mentions_facturation`, '$.recouvrement'),
      (SELECT json_extract(`e`.`mentions_facturation`, '$.recouvrement') FROM `entreprises` `e` WHERE `e`.`id` = `factures`.`entreprise_id`),
      'Indemnité forfaitaire pour frais de recouvrement en cas de retard de paiement : 40 €'
    ),
    'penalites', COALESCE(
      json_extract(`mentions_facturation`, '$.penalites'),
      (SELECT json_extract(`e`.`mentions_facturation`, '$.penalites') FROM `entreprises` `e` WHERE `e`.`id` = `factures`.`entreprise_id`),
      -- The rate as `ratePercentText` writes it: 12,15 ; 12,5 ; 10.
      (SELECT 'Pénalités de retard : ' || CASE
          WHEN `e`.`taux_penalites_bp` % 100 = 0 THEN CAST(`e`.`taux_penalites_bp` / 100 AS TEXT)
          WHEN `e`.`taux_penalites_bp` % 10 = 0 THEN (`e`.`taux_penalites_bp` / 100) || ',' || (`e`.`taux_penalites_bp` % 100 / 10)
          ELSE (`e`.`taux_penalites_bp` / 100) || ',' || printf('%02d', `e`.`taux_penalites_bp` % 100)
        END || ' % par an, exigibles dès le lendemain de l''échéance'
        FROM `entreprises` `e` WHERE `e`.`id` = `factures`.`entreprise_id`)
    ),
    'escompte', COALESCE(
      json_extract(`mentions_facturation`, '$.escompte'),
      (SELECT json_extract(`e`.`mentions_facturation`, '$.escompte') FROM `entreprises` `e` WHERE `e`.`id` = `factures`.`entreprise_id`),
      'Pas d''escompte pour paiement anticipé'
    )
  ),
  `_seq` = (SELECT `f`.`seq` FROM `_frozen_mentions` `f` WHERE `f`.`id` = `factures`.`id`)
WHERE `id` IN (SELECT `id` FROM `_frozen_mentions`);
--> statement-breakpoint
INSERT INTO `sync_sequence` (`id`, `value`) SELECT 1, `seq` FROM `_frozen_mentions` WHERE `seq` = (SELECT MAX(`seq`) FROM `_frozen_mentions`)
ON CONFLICT(`id`) DO UPDATE SET `value` = excluded.`value`;
--> statement-breakpoint
DROP TABLE `_frozen_mentions`;
