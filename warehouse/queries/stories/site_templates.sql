-- The per-site boilerplate templates learned so far.
SELECT * FROM site_templates;
