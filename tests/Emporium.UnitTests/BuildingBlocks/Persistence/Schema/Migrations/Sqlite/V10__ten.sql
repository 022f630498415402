-- Fixture for SchemaScriptTests: version 10 sorts after version 2.
SELECT 10;
