-- The relay deletes published rows after a while; this finds them without reading the whole table.
CREATE INDEX outbox_sent_at ON outbox (sent_at) WHERE sent_at IS NOT NULL;
