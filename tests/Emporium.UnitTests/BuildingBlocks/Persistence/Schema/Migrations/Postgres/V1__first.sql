-- Fixture for SchemaScriptTests: version 1, twice.
SELECT 1;
