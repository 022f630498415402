-- Fixture for SchemaScriptTests: not a script name (one underscore), so ignored.
SELECT 3;
