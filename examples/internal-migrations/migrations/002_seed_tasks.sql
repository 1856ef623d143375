-- The titles are unique, so a second run adds nothing.
INSERT INTO tasks (title, done) VALUES
  ('write the migrations', true),
  ('start the api after them', false)
ON CONFLICT (title) DO NOTHING;
