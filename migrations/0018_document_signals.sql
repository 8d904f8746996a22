-- Signs that a document was reused or made for the occasion, shown to the reviewer only.
--
-- image_hash: the perceptual hash (dHash) of a JPEG or PNG, its bits moved and flipped by a secret key of
-- the account (derived from SECRET_KEY): Hamming distances between the account's hashes are kept, the
-- value says nothing of the picture without the key, and two accounts' values cannot be compared.
-- signals: what the reviewer is told with the flags (the editing software's name from a fixed list,
-- minutes between the file's date and its upload, implausible page sizes); never the file's own text.
alter table documents add column image_hash bigint;
alter table documents add column signals jsonb not null default '{}';
create index documents_by_account_sha256 on documents (account_id, sha256) where sha256 is not null;
create index documents_by_account_image_hash on documents (account_id) where image_hash is not null;

-- The same document (DUPLICATE_DOCUMENT, same bytes) or the same picture (NEAR_DUPLICATE_IMAGE) found in
-- another verification of the same account whose person differs or is unknown: one row per direction,
-- so each side lists the other.
create table document_matches (
  account_id         text not null references accounts(id),
  document_id        text not null,
  other_document_id  text not null,
  kind               text not null check (kind in ('DUPLICATE_DOCUMENT', 'NEAR_DUPLICATE_IMAGE')),
  distance           integer not null,
  found_at           timestamptz not null,
  primary key (document_id, other_document_id, kind)
);
create index document_matches_by_account on document_matches (account_id, document_id);
