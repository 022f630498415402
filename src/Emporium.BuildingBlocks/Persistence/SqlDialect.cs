namespace Emporium.BuildingBlocks.Persistence;

/// <summary>The few spots where the two engines' SQL differs in shape, written once.</summary>
public static class SqlDialect
{
    /// <summary>
    /// "column is one of the list": Dapper expands <c>IN @list</c> for SQLite, while Npgsql takes the
    /// list as one array parameter (pass an array).
    /// </summary>
    public static string InList(this Database database, string column, string parameter)
    {
        ArgumentNullException.ThrowIfNull(database);
        return database.IsPostgres ? $"{column} = ANY(@{parameter})" : $"{column} IN @{parameter}";
    }
}
