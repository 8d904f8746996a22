-- What a reviewer should know about an accepted file's content, found while it streamed in: for a PDF,
-- an action on opening, actions on events or JavaScript (PDF_OPEN_ACTION, PDF_ADDITIONAL_ACTIONS,
-- PDF_JAVASCRIPT). Such files are accepted (real letters carry an /OpenAction that sets the zoom) and
-- marked, never shown to the person who uploaded them.
alter table documents add column flags jsonb not null default '[]';
