-- Key custody moved to vault-service, with its own database: intake-service holds no key, no audit chain head and
-- no view of who holds a case any more. Wrapped keys left here could not be opened without the key-encryption key,
-- which intake no longer reads; they go, with the rest. (A platform that recorded cases before this change and
-- must keep them copies case_keys and audit_chain into the vault's database before it upgrades.)
DROP TABLE IF EXISTS case_keys;
DROP TABLE IF EXISTS audit_chain;
DROP TABLE IF EXISTS case_holders;
