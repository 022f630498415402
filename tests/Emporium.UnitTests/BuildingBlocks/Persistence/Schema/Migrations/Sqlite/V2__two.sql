-- Fixture for SchemaScriptTests.
SELECT 2;
