namespace Emporium.BuildingBlocks.Persistence;

/// <summary>The engine holding the source of truth: SQLite when embedded, PostgreSQL when scaled out.</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
