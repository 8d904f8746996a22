-- When the request now sending a document's bytes (status UPLOADING) took its upload URL. A claim older
-- than the upload lease counts as abandoned (the process holding it was killed): another PUT on the URL
-- may take it over. The time also fences the claim: only the request that took it may complete or
-- release it. Rows left UPLOADING without a time (by a version before this column) count as abandoned.
alter table documents add column upload_claimed_at timestamptz;
