-- 0011: held_seals also keeps augmentation requests (POST /signatures/augment) whose TSA, OCSP responder or CRL host
-- did not answer (issue 11), and links a held seal or augmentation to a dossier. kind: 'seal' (as 0010) or 'augment':
-- document is the signature to augment, detached its signed content (a detached signature) or NULL, mode the target
-- ('lt' or 'lta'), step the service waited for ('timestamp' or 'revocation') and tsa_url the URL that did not answer.
-- dossier_code: the dossier the caller named, whose view says "waiting for timestamp" while the row waits.
ALTER TABLE held_seals ADD COLUMN kind TEXT NOT NULL DEFAULT 'seal';
ALTER TABLE held_seals ADD COLUMN detached BLOB NULL;
ALTER TABLE held_seals ADD COLUMN dossier_code TEXT NULL;
CREATE INDEX ix_held_seals_dossier ON held_seals (dossier_code);
