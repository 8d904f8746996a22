-- Limits on who may use a credential. A suspended account's tokens are refused (its data stays as it was,
-- and activating the account honours them again); a disabled user's tokens are refused until the user is
-- enabled; a token with an allow-list of client addresses (IP addresses and CIDR ranges, as a JSON array
-- of strings) is honoured only from those addresses, and from any address when the list is null.
alter table accounts add column status text not null default 'active' check (status in ('active', 'suspended'));
alter table users add column disabled_at timestamptz;
alter table api_tokens add column allowed_ips jsonb;
