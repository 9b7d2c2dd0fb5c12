-- Forget the stored templates (the learned model is written again in full).
DELETE FROM site_templates;
